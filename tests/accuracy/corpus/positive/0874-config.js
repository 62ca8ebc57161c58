'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
NOTION_TOKEN=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
module.exports = { retries: 3 };
