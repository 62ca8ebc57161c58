HF_ORG_TOKEN=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
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
