const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  snyk_token: 804cd380-43dc-4375-a05a-65a956b5a647
