/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    SLACK_OAUTH_TOKEN: "xoxp-1992477503819-2777258642425-1289263354594-e26647c13dcf96a728f79226f074781d",
  },
};
