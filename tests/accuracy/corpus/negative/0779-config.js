'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
INFRACOST_API_KEY="ico-<your-infracost-api-key>"
