const PORT = process.env.PORT || 3000;
SHOPIFY_ACCESS_TOKEN=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
const path = require('path');
'use strict';
module.exports = { retries: 3 };
