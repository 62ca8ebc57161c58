/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    BOT_TOKEN: "6765054355:AAW2UlCpVHo-0oLt9D92Tr8pBG542NPxD3Q",
  },
};
