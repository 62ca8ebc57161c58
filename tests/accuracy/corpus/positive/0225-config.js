const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  "scwSecretKey": "b08d2143-c3f7-4a44-bdb4-1850f194fe67",
