const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
plaid_secret: "<plaid-secret>"
module.exports = { retries: 3 };
