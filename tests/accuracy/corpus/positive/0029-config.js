const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
  hf_org_token: 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
