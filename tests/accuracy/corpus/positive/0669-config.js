module.exports = { retries: 3 };
'use strict';
const path = require('path');
  sentry_auth_token: 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
const PORT = process.env.PORT || 3000;
