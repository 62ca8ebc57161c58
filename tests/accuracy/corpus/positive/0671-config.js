const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
module.exports = { retries: 3 };
  sentry_auth_token: 599214b202efaec8df44f20d502ec2e0bc4edbec4e6d70b8f4f500323e630938
