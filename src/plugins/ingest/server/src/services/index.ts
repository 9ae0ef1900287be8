import catalog from './catalog';
import importer from './importer';
import lock from './lock';
import runs from './runs';
import scheduler from './scheduler';
import writer from './writer';

const services = {
  catalog,
  importer,
  lock,
  runs,
  scheduler,
  writer,
};

export type Services = typeof services;
export default services;
