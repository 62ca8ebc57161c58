/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    MISTRAL_API_KEY: `U6bdIqQ7xXenKAPlLddD6ds7eMgoe8Ah`,
  },
};
