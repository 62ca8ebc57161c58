'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
PERPLEXITY_API_KEY=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
module.exports = { retries: 3 };
