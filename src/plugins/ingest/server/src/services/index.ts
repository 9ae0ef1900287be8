import adminRuns from './admin-runs';
import catalog from './catalog';
import importer from './importer';
import linkRows from './link-rows';
import lock from './lock';
import progress from './progress';
import runRetention from './run-retention';
import runs from './runs';
import scheduler from './scheduler';
import writer from './writer';

const services = {
  'admin-runs': adminRuns,
  catalog,
  importer,
  'link-rows': linkRows,
  lock,
  progress,
  'run-retention': runRetention,
  runs,
  scheduler,
  writer,
};

export type Services = typeof services;
export default services;
