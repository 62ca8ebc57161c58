/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    CLIENT_SECRET: `4fzBD1S3x+j*YUFTPnWE4cT7o6gk`,
  },
};
