const PORT = process.env.PORT || 3000;
const path = require('path');
LAUNCHDARKLY_SDK_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
module.exports = { retries: 3 };
