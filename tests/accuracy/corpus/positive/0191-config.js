const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
LAUNCHDARKLY_SDK_KEY=api-3b44c859-bc71-49b7-aa9d-97b208234d8e
module.exports = { retries: 3 };
