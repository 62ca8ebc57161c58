module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
ALIBABA_CLOUD_ACCESS_KEY_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
