// @strapi/strapi/admin ships its own types; nothing to declare here.
