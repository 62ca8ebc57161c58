module.exports = { retries: 3 };
  cloudflare_api_key: 02df5453f338983ca17b68685a4a7b1792fd3
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
