'use strict';
curl -H "Authorization: Bearer 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" https://api.internal.test/v1/status
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
