const path = require('path');
module.exports = { retries: 3 };
'use strict';
STRIPE_API_KEY=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
const PORT = process.env.PORT || 3000;
