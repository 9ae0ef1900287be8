import announcements from './announcements';
import articleUpdates from './article-updates';
import draftSnapshots from './draft-snapshots';
import linkRows from './link-rows';
import store from './service';
import writer from './writer';

/** The store's services: the run's view of what is stored (`store`), and the writes under it. */
export default {
  store,
  writer,
  'link-rows': linkRows,
  'draft-snapshots': draftSnapshots,
  'article-updates': articleUpdates,
  announcements,
};
