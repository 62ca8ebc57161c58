/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    HONEYCOMB_WRITEKEY: "sJPSCV4haPch03FPwzMz5K",
  },
};
