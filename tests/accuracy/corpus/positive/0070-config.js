const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
LANGSMITH_API_KEY=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
