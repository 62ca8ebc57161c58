'use strict';
curl -H "Authorization: Bearer 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" https://api.internal.test/v1/status
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
