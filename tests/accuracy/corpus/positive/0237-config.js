'use strict';
const PORT = process.env.PORT || 3000;
HEROKU_API_KEY=bef5bb08-9678-417c-adf3-7e10844be2f6
const path = require('path');
module.exports = { retries: 3 };
