/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    MONGO_URI: 'mongodb://admin:6zRQAiQzM3pJIqFFmFmN3W9G@mysql-primary.svc.cluster.local:27017/admin?authSource=admin',
  },
};
