import slugify from 'slugify';

/** URL-safe, lower-case, `&` spelled `and`, letters like `Ü`/`İ` folded to ASCII. */
export function nameSlug(name: string): string {
  return slugify(name, { lower: true, strict: true });
}

/** An article's slug from its title; the external id when slugify cannot spell the title. */
export function articleSlug(title: string, externalId: string): string {
  return nameSlug(title) || externalId;
}
