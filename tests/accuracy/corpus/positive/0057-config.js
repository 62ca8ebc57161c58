module.exports = { retries: 3 };
const path = require('path');
'use strict';
  openrouter_api_key: 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
const PORT = process.env.PORT || 3000;
