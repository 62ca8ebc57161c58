/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    DATABASE_URL: `postgres://admin:hspUcgGIlSKW8x-yS5vS6r@10.0.3.17:5432/orders`,
  },
};
