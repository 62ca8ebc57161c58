const path = require('path');
GH_TOKEN=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
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
