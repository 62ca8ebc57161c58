module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
SRC_ACCESS_TOKEN="sgp_<your-src-access-token>"
const path = require('path');
