import type { Core } from '@strapi/strapi';

const destroy = ({ strapi: _strapi }: { strapi: Core.Strapi }) => {};

export default destroy;
