import { Download } from '@strapi/icons';
import { ImportPanel } from './components/import-panel/ImportPanel';
import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './permissions';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Download,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Ingest' },
      permissions: PERMISSIONS.read,
      Component: () => import('./pages/App').then((module) => ({ default: module.App })),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Ingest' });
  },

  // The Content Manager's APIs exist once every plugin registered.
  bootstrap(app: any) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([ImportPanel]);
  },
};
