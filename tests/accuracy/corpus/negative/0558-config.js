module.exports = { retries: 3 };
scw_secret_key: "<scw-secret-key>"
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
