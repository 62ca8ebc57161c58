'use strict';
  "vercelToken": "Ae2kzsTlcarBFNW2Mibqhf0E",
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
