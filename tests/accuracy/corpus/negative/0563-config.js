'use strict';
CLOUDFLARE_API_KEY=${CLOUDFLARE_API_KEY}
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
