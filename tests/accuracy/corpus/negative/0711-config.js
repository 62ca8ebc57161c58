credentials_file = "service-account.json"
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
