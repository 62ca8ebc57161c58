const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
OPENAI_API_KEY=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
const path = require('path');
