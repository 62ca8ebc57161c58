/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    GITHUB_REFRESH_TOKEN: "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",
  },
};
