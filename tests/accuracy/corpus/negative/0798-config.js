license_key: 000000000000000000000000000000000000NRAL
'use strict';
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
