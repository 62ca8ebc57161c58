/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    MONGO_URI: "mongodb://svc_billing:!fBvPhz59WyfqSo-JllMh696buK@db.internal.acme.dev:27017/admin?authSource=admin",
  },
};
