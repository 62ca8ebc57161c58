const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
NPM_TOKEN=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
module.exports = { retries: 3 };
