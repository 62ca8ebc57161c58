'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
STRIPE_API_KEY = "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"
module.exports = { retries: 3 };
