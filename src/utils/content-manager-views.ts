import crypto from 'crypto';
import type { Core } from '@strapi/strapi';

type EditRow = Array<{ name: string; size: number }>;

interface FieldMetadata {
  edit?: { label?: string; description?: string; mainField?: string };
  list?: { label?: string };
}

/** The parts of a Content Manager view this app decides; everything else stays Strapi's or the editor's. */
export interface ManagedView {
  settings: { mainField: string; defaultSortBy: string; defaultSortOrder: 'ASC' | 'DESC' };
  list: string[];
  edit?: EditRow[];
  metadatas: Record<string, FieldMetadata>;
}

interface StoredConfiguration {
  uid: string;
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: EditRow[] };
}

interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<StoredConfiguration>;
  updateConfiguration(contentType: { uid: string }, configuration: Omit<StoredConfiguration, 'uid'>): Promise<unknown>;
}

const byTitle = { edit: { mainField: 'title' } };
const byName = { edit: { mainField: 'name' } };

export const CONTENT_MANAGER_VIEWS: Record<string, ManagedView> = {
  'api::article.article': {
    settings: { mainField: 'title', defaultSortBy: 'publicationDate', defaultSortOrder: 'DESC' },
    // Draft & Publish types get the status column from the Content Manager itself.
    list: ['title', 'section', 'publicationDate'],
    // Headline, standfirst and body; then the metadata; then the relations.
    edit: [
      [{ name: 'title', size: 12 }],
      [{ name: 'standfirst', size: 12 }],
      [{ name: 'body', size: 12 }],
      [{ name: 'slug', size: 6 }, { name: 'externalId', size: 6 }],
      [{ name: 'publicationDate', size: 4 }, { name: 'readingTimeMinutes', size: 4 }, { name: 'byline', size: 4 }],
      [{ name: 'imageCaption', size: 6 }, { name: 'imageCredit', size: 6 }],
      [{ name: 'section', size: 6 }, { name: 'sources', size: 6 }],
      [{ name: 'relatedLinks', size: 12 }],
    ],
    metadatas: {
      title: { edit: { label: 'Headline' }, list: { label: 'Headline' } },
      standfirst: { edit: { label: 'Standfirst' } },
      body: { edit: { label: 'Body' } },
      slug: { edit: { label: 'Slug' } },
      externalId: { edit: { label: 'External id', description: 'The capture file name the importer knows this article by' } },
      publicationDate: { edit: { label: 'Publication date' }, list: { label: 'Publication date' } },
      readingTimeMinutes: { edit: { label: 'Reading time (min)' } },
      byline: { edit: { label: 'Byline' } },
      imageCaption: { edit: { label: 'Image caption' } },
      imageCredit: { edit: { label: 'Image credit' } },
      section: { edit: { label: 'Section', mainField: 'name' }, list: { label: 'Section' } },
      sources: { edit: { label: 'Sources', mainField: 'name' } },
      relatedLinks: { edit: { label: 'Related links', mainField: 'title' } },
    },
  },
  'api::section.section': {
    settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
    list: ['name', 'slug', 'articles'],
    metadatas: { articles: byTitle },
  },
  'api::source.source': {
    settings: { mainField: 'name', defaultSortBy: 'name', defaultSortOrder: 'ASC' },
    list: ['name', 'slug', 'articles'],
    metadatas: { articles: byTitle },
  },
  'api::related-link.related-link': {
    // Links are read in the order the page printed them.
    settings: { mainField: 'title', defaultSortBy: 'position', defaultSortOrder: 'ASC' },
    list: ['title', 'kind', 'position', 'article'],
    metadatas: { article: byTitle, target: byTitle },
  },
};

const pick = (source: Record<string, unknown> | undefined, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, source?.[key] ?? null]));

/** What the stored configuration says about the parts `view` manages, in the view's own shape. */
const managedParts = (configuration: StoredConfiguration, view: ManagedView) => ({
  settings: pick(configuration.settings, Object.keys(view.settings)),
  list: configuration.layouts.list,
  edit: view.edit ? configuration.layouts.edit : null,
  metadatas: Object.fromEntries(
    Object.entries(view.metadatas).map(([name, wanted]) => [
      name,
      {
        edit: pick(configuration.metadatas[name]?.edit, Object.keys(wanted.edit ?? {})),
        list: pick(configuration.metadatas[name]?.list, Object.keys(wanted.list ?? {})),
      },
    ])
  ),
});

const wantedParts = (view: ManagedView) => ({
  settings: { ...view.settings },
  list: view.list,
  edit: view.edit ?? null,
  metadatas: Object.fromEntries(
    Object.entries(view.metadatas).map(([name, wanted]) => [name, { edit: { ...wanted.edit }, list: { ...wanted.list } }])
  ),
});

// Key order is fixed by the view, so a JSON hash compares like with like.
const fingerprint = (parts: unknown) => crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');

const withView = (configuration: StoredConfiguration, view: ManagedView): Omit<StoredConfiguration, 'uid'> => ({
  settings: { ...configuration.settings, ...view.settings },
  metadatas: Object.fromEntries(
    Object.entries(configuration.metadatas).map(([name, metadata]) => {
      const wanted = view.metadatas[name];
      if (!wanted) return [name, metadata];
      return [name, { edit: { ...metadata.edit, ...wanted.edit }, list: { ...metadata.list, ...wanted.list } }];
    })
  ),
  layouts: { ...configuration.layouts, list: view.list, edit: view.edit ?? configuration.layouts.edit },
});

const appliedStore = (strapi: Core.Strapi) => strapi.store({ type: 'core', name: 'newsroom', key: 'content-manager-views' });

/**
 * Sets the Content Manager's list and edit views of the four types. Idempotent, and an
 * editor's later change wins: the fingerprint of what was last applied is kept, and a view
 * whose managed parts no longer match it was changed in the admin panel, so it is left alone.
 */
export const configureContentManagerViews = async (strapi: Core.Strapi, views: Record<string, ManagedView> = CONTENT_MANAGER_VIEWS) => {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types') as ContentTypesService | undefined;
  if (!contentTypes) return;
  const store = appliedStore(strapi);
  const applied = ((await store.get({})) as Record<string, string> | null) ?? {};
  const next = { ...applied };

  for (const [uid, view] of Object.entries(views)) {
    if (!strapi.contentType(uid as never)) continue;
    const configuration = await contentTypes.findConfiguration({ uid });
    const current = fingerprint(managedParts(configuration, view));
    const wanted = fingerprint(wantedParts(view));
    if (current === wanted) {
      next[uid] = wanted;
      continue;
    }
    if (applied[uid] !== undefined && applied[uid] !== current) {
      strapi.log.info(`[views] ${uid}: the Content Manager view was customised in the admin panel; kept as it is`);
      continue;
    }
    await contentTypes.updateConfiguration({ uid }, withView(configuration, view));
    next[uid] = wanted;
  }

  if (JSON.stringify(next) !== JSON.stringify(applied)) await store.set({ value: next });
};
