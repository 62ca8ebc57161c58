const path = require('path');
const PORT = process.env.PORT || 3000;
DIGITALOCEAN_TOKEN=doo_v1_0000000000000000000000000000000000000000000000000000000000000000
module.exports = { retries: 3 };
'use strict';
