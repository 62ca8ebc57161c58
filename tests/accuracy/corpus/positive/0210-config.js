'use strict';
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
  "ibmcloudApiKey": "yiNg7HMhgEXRrAEGk22kcqHS_J8HUxvLa-sDcBsuBePi",
