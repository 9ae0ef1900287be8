import { describe, expect, it } from 'vitest';
import { suiteStrapi } from '../helpers/strapi';

const app = suiteStrapi();

const attributesOf = (uid: string) => {
  const model = app.strapi.contentType(uid as never) as { attributes: Record<string, Record<string, unknown>> } | undefined;
  if (!model) throw new Error(`${uid} is not registered`);
  return model.attributes;
};

describe('content model', () => {
  it('registers Article with Draft & Publish and every contract field', () => {
    const model = app.strapi.contentType('api::article.article');
    expect(model.options?.draftAndPublish).toBe(true);
    const attributes = attributesOf('api::article.article');
    expect(attributes.title).toMatchObject({ type: 'string', required: true });
    expect(attributes.slug).toMatchObject({ type: 'uid', targetField: 'title', required: true });
    expect(attributes.externalId).toMatchObject({ type: 'string', required: true, unique: true });
    expect(attributes.standfirst).toMatchObject({ type: 'text' });
    expect(attributes.body).toMatchObject({ type: 'blocks' });
    expect(attributes.publicationDate).toMatchObject({ type: 'date' });
    expect(attributes.readingTimeMinutes).toMatchObject({ type: 'integer' });
    expect(attributes.imageCaption).toMatchObject({ type: 'text' });
    expect(attributes.imageCredit).toMatchObject({ type: 'string' });
    expect(attributes.byline).toMatchObject({ type: 'string' });
    expect(attributes.section).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::section.section', inversedBy: 'articles' });
    expect(attributes.sources).toMatchObject({ type: 'relation', relation: 'manyToMany', target: 'api::source.source', inversedBy: 'articles' });
    expect(attributes.relatedLinks).toMatchObject({ type: 'relation', relation: 'oneToMany', target: 'api::related-link.related-link', mappedBy: 'article' });
    expect(attributes.importState).toMatchObject({ private: true });
    expect(attributes.importStamp).toMatchObject({ private: true });
  });

  it("indexes the drafts' import stamps, so that an unchanged import reads no article row", async () => {
    const indexes = (await (app.strapi.db.dialect as any).schemaInspector.getIndexes('articles')) as Array<{ name: string; columns: string[] }>;
    // PostgreSQL's inspector lists an index's columns in no particular order.
    expect([...(indexes.find((index) => index.name === 'articles_import_catalog_idx')?.columns ?? [])].sort()).toEqual(['external_id', 'import_stamp', 'published_at', 'updated_at']);
  });

  it('registers Section and Source without Draft & Publish, with inverse article relations', () => {
    for (const uid of ['api::section.section', 'api::source.source']) {
      expect(app.strapi.contentType(uid as never).options?.draftAndPublish).toBe(false);
      const attributes = attributesOf(uid);
      expect(attributes.name).toMatchObject({ type: 'string', required: true, unique: true });
      expect(attributes.slug).toMatchObject({ type: 'uid', targetField: 'name' });
    }
    expect(attributesOf('api::section.section').articles).toMatchObject({ relation: 'oneToMany', mappedBy: 'section' });
    expect(attributesOf('api::source.source').articles).toMatchObject({ relation: 'manyToMany', mappedBy: 'sources' });
  });

  it('registers RelatedLink with its kind, order, publisher, url, article and target', () => {
    const attributes = attributesOf('api::related-link.related-link');
    expect(attributes.title).toMatchObject({ type: 'string', required: true });
    expect(attributes.kind).toMatchObject({ type: 'enumeration', enum: ['recommended', 'explore'] });
    expect(attributes.position).toMatchObject({ type: 'integer' });
    expect(attributes.publisher).toMatchObject({ type: 'string' });
    expect(attributes.url).toMatchObject({ type: 'string' });
    expect(attributes.article).toMatchObject({ relation: 'manyToOne', target: 'api::article.article', inversedBy: 'relatedLinks' });
    expect(attributes.target).toMatchObject({ relation: 'manyToOne', target: 'api::article.article' });
  });
});

describe('public role', () => {
  const publicActions = async () => {
    const permissions = await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: { type: 'public' } }, select: ['action'] });
    return permissions.map((permission: { action: string }) => permission.action).sort();
  };

  const expected = ['article', 'section', 'source', 'related-link']
    .flatMap((name) => [`api::${name}.${name}.find`, `api::${name}.${name}.findOne`])
    .sort();

  it('may find and findOne the four types and nothing else', async () => {
    expect(await publicActions()).toEqual(expected);
  });

  it('is set idempotently: bootstrap again adds nothing and removes anything granted by hand', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::article.article.create', role: role.id } });
    const { grantPublicReadAccess } = await import('../../src/utils/public-permissions');
    await grantPublicReadAccess(app.strapi);
    await grantPublicReadAccess(app.strapi);
    expect(await publicActions()).toEqual(expected);
  });
});
