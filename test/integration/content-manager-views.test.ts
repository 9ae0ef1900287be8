import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { CONTENT_MANAGER_VIEWS, configureContentManagerViews } from '../../src/utils/content-manager-views';

let app: TestApp;

const contentTypes = () => app.strapi.plugin('content-manager').service('content-types');
const configurationOf = (uid: string) => contentTypes().findConfiguration({ uid });
const storedRows = () => app.strapi.db.query('strapi::core-store').findMany({ where: { key: { $startsWith: 'plugin_content_manager_configuration_content_types::api::' } }, orderBy: { key: 'asc' } });

beforeAll(async () => {
  app = await bootStrapi();
});

afterAll(async () => {
  await app?.destroy();
});

describe('Content Manager views', () => {
  it('lists articles by headline, section and publication date, newest first', async () => {
    const configuration = await configurationOf('api::article.article');
    expect(configuration.layouts.list).toEqual(['title', 'section', 'publicationDate']);
    expect(configuration.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'publicationDate', defaultSortOrder: 'DESC' });
  });

  it('edits an article as headline, standfirst, body, then metadata, then relations', async () => {
    const configuration = await configurationOf('api::article.article');
    const order = configuration.layouts.edit.flat().map((field: { name: string }) => field.name);
    expect(order).toEqual([
      'title',
      'standfirst',
      'body',
      'slug',
      'externalId',
      'publicationDate',
      'readingTimeMinutes',
      'byline',
      'imageCaption',
      'imageCredit',
      'section',
      'sources',
      'relatedLinks',
    ]);
    expect(configuration.metadatas.title.edit.label).toBe('Headline');
  });

  it('shows relations by title or name, and related links in order', async () => {
    const article = await configurationOf('api::article.article');
    expect(article.metadatas.section.edit.mainField).toBe('name');
    expect(article.metadatas.sources.edit.mainField).toBe('name');
    expect(article.metadatas.relatedLinks.edit.mainField).toBe('title');
    expect((await configurationOf('api::section.section')).settings.mainField).toBe('name');
    expect((await configurationOf('api::source.source')).metadatas.articles.edit.mainField).toBe('title');
    const link = await configurationOf('api::related-link.related-link');
    expect(link.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'position', defaultSortOrder: 'ASC' });
    expect(link.metadatas.article.edit.mainField).toBe('title');
    expect(link.metadatas.target.edit.mainField).toBe('title');
  });

  it('is idempotent: another bootstrap writes nothing', async () => {
    const before = await storedRows();
    await configureContentManagerViews(app.strapi);
    await configureContentManagerViews(app.strapi);
    expect(await storedRows()).toEqual(before);
  });

  it('keeps an editor’s later customisation of a view', async () => {
    const uid = 'api::section.section';
    const configuration = await configurationOf(uid);
    const { uid: _uid, ...rest } = configuration;
    await contentTypes().updateConfiguration({ uid }, { ...rest, layouts: { ...configuration.layouts, list: ['name'] } });

    await configureContentManagerViews(app.strapi);
    expect((await configurationOf(uid)).layouts.list).toEqual(['name']);
    // The other views are still as configured.
    expect((await configurationOf('api::source.source')).layouts.list).toEqual(CONTENT_MANAGER_VIEWS['api::source.source'].list);
  });
});
