GOOGLE_CLIENT_SECRET=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
'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
