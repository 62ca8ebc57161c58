Stripe.api_key = "sk_test_XXXXXXXXXXXXXXXXXXXXXXXX"
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
