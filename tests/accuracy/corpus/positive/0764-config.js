  plaid_secret: e619309609b8667160548e8abcdbea
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
