module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
      GITHUB_TOKEN: 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
const path = require('path');
