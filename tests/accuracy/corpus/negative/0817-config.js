module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
honeycomb_api_key: "<honeycomb-api-key>"
