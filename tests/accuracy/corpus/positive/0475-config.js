const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
      GITHUB_TOKEN: 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
