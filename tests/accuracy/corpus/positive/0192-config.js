const PORT = process.env.PORT || 3000;
  launchdarkly_sdk_key: sdk-79903495-2f93-4689-9597-2f18cac36343
'use strict';
module.exports = { retries: 3 };
const path = require('path');
