'use strict';
token = "shppa_00000000000000000000000000000000"
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
