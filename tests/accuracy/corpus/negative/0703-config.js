module.exports = { retries: 3 };
secret_name = "prod/payments/stripe"
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
