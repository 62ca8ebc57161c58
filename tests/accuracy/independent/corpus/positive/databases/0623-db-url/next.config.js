/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    REDIS_URL: "redis://default:c4HCi1z6VTz0UM5R264WXbsYI!@postgres:6379/0",
  },
};
