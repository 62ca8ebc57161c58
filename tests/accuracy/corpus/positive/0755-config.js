  paypal_client_secret: EqtCANXuEOfaPtF3s59BYkRvIy7zov2qkYcN287n0p0MJIiJG5h2aE7YdABEwJ5pCUbQKcTX3xu9wpeF
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
