'use strict';
module.exports = { retries: 3 };
const path = require('path');
BRAINTREE_ACCESS_TOKEN="access_token$production$<your-braintree-access-token>"
const PORT = process.env.PORT || 3000;
