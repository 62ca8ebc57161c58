/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    JDBC_URL: "jdbc:sqlserver://postgres:1433;databaseName=orders;user=app;password=cz6RRc*9X+Gie2786pXDUQsv==;encrypt=true",
  },
};
