const PORT = process.env.PORT || 3000;
'use strict';
  groq_api_key: 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
module.exports = { retries: 3 };
const path = require('path');
