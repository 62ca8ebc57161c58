NPM_TOKEN=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
'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
