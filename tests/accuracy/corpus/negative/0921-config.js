'use strict';
module.exports = { retries: 3 };
notion_api_key: "<notion-api-key>"
const PORT = process.env.PORT || 3000;
const path = require('path');
