module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
DIGITALOCEAN_TOKEN=dop_v1_0000000000000000000000000000000000000000000000000000000000000000
