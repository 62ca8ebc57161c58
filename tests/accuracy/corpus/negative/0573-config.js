'use strict';
HEROKU_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
