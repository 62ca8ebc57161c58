const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
CLOUDFLARE_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
