const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
GITHUB_TOKEN=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
