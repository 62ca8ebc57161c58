PLAID_ACCESS_TOKEN=access-production-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
