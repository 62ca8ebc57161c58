/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    PAYPAL_CLIENT_SECRET: `EsgMTlWSCKB5Y3100UAKJagMpUOPYQFGFVXr8RB-FGySkdp9XFtKAN_aeXqFic3XpUkb-eRSQcLW1lZY`,
  },
};
