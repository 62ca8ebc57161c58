module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
NOTION_TOKEN=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
