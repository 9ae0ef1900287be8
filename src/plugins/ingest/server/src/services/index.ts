import catalog from './catalog';
import importer from './importer';
import linkRows from './link-rows';
import lock from './lock';
import runs from './runs';
import writer from './writer';

const services = {
  catalog,
  importer,
  'link-rows': linkRows,
  lock,
  runs,
  writer,
};

export type Services = typeof services;
export default services;
