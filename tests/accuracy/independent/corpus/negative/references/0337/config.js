module.exports = {
  apiKey: process.env.NPM_TOKEN,
  password: process.env.DB_PASSWORD || "",
  secret: process.env["SESSION_SECRET"],
};
