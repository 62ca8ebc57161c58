paypal_client_secret: "<paypal-client-secret>"
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
