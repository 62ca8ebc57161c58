/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    MONGO_URI: `mongodb://root:q05!4b14HTg1kbnGx@10.0.3.17:27017/admin?authSource=admin`,
  },
};
