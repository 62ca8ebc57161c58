const PORT = process.env.PORT || 3000;
  snowflake_password: xUEhWbXGeS!153
'use strict';
const path = require('path');
module.exports = { retries: 3 };
