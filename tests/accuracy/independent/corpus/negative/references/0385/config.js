module.exports = {
  apiKey: process.env.DB_PASSWORD,
  password: process.env.DB_PASSWORD || "",
  secret: process.env["SESSION_SECRET"],
};
