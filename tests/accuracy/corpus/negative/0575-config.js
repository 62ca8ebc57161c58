const path = require('path');
HEROKU_API_KEY="HRKU-<your-heroku-api-key>"
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
