const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
heroku_api_key: "<heroku-api-key>"
const path = require('path');
