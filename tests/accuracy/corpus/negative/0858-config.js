const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
PLAID_SECRET=${PLAID_SECRET}
const path = require('path');
