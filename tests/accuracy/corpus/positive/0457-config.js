      GITHUB_TOKEN: ghu_PqspmzLrhvu5oT5QiSBzKycOaYvwcl1c1xW8
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
