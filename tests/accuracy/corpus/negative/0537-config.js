module.exports = { retries: 3 };
LAUNCHDARKLY_SDK_KEY="<your-launchdarkly-sdk-key>"
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
