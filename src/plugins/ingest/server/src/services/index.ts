import adminRuns from './admin-runs';
import articleUpdates from './article-updates';
import catalog from './catalog';
import draftSnapshots from './draft-snapshots';
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
  'article-updates': articleUpdates,
  catalog,
  'draft-snapshots': draftSnapshots,
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
