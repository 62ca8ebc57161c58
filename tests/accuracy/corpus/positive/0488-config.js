'use strict';
module.exports = { retries: 3 };
const path = require('path');
mytool login --gh-token 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
const PORT = process.env.PORT || 3000;
