import store from '../store';
import adminRuns from './admin-runs';
import conflicts from './conflicts';
import importer from './importer';
import lock from './lock';
import progress from './progress';
import runRetention from './run-retention';
import runs from './runs';
import scheduler from './scheduler';

const services = {
  ...store,
  'admin-runs': adminRuns,
  conflicts,
  importer,
  lock,
  progress,
  'run-retention': runRetention,
  runs,
  scheduler,
};

export type Services = typeof services;
export default services;
