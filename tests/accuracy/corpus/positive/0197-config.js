const path = require('path');
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
DIGITALOCEAN_TOKEN=dor_v1_c06dc5a7b2cba5fcb1f36250381b2a57d2bda2b849d4ddfc9ef891d9694ead93
