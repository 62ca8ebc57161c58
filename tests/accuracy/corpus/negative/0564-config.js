const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
cloudflare_api_key: "<cloudflare-api-key>"
module.exports = { retries: 3 };
