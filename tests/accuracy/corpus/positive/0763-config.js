module.exports = { retries: 3 };
'use strict';
const path = require('path');
PLAID_SECRET=2b7e28da3989e0449578d6ddcdebd7
const PORT = process.env.PORT || 3000;
