const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
module.exports = { retries: 3 };
  "facebookAppSecret": "4456764dfe6c40723c91e7148c57a09b",
