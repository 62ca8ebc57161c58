'use strict';
const PORT = process.env.PORT || 3000;
mytool login --hf-token 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
module.exports = { retries: 3 };
const path = require('path');
