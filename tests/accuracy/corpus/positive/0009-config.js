const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
OPENAI_API_KEY=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
