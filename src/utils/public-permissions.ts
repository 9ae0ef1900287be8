import type { Core } from '@strapi/strapi';

export const ARTICLE_UID = 'api::article.article';
export const SECTION_UID = 'api::section.section';
export const SOURCE_UID = 'api::source.source';
export const RELATED_LINK_UID = 'api::related-link.related-link';

/** The content API the public reads: these types, `find` and `findOne`, nothing else. */
export const PUBLIC_READ_TYPES = [ARTICLE_UID, SECTION_UID, SOURCE_UID, RELATED_LINK_UID] as const;

const PUBLIC_ACTIONS = PUBLIC_READ_TYPES.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

/**
 * Idempotent: grants what is missing and revokes every other action of the public role
 * (users-permissions seeds it with sign-up and password-reset routes, which this site does
 * not offer), so a boot always leaves exactly the read access above.
 */
export const grantPublicReadAccess = async (strapi: Core.Strapi) => {
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  if (!role) return;

  const current: Array<{ id: number; action: string }> = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] });

  const granted = new Set(current.map((permission) => permission.action));
  const missing = PUBLIC_ACTIONS.filter((action) => !granted.has(action));
  const extra = current.filter((permission) => !PUBLIC_ACTIONS.includes(permission.action));

  for (const action of missing) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
  }
  if (extra.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: extra.map((permission) => permission.id) } } });
  }
};
