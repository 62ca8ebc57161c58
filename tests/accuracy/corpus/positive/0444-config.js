const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
curl -H "Authorization: Bearer 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" https://api.internal.test/v1/status
