module.exports = { retries: 3 };
  "snowflakePassword": "7dHfuijeDZ!804",
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
