const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
HEROKU_API_KEY=HRKU-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const path = require('path');
