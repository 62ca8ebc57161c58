/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    GOOGLE_API_KEY: `AIzaujU_FCfVbel9ZiHmxDg4X4hHUhyGEAsLayU`,
  },
};
