module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
  bitbucket_client_secret: VIFujIDWHqSiml2zg6Y2LhPhACH7JprX
const path = require('path');
'use strict';
