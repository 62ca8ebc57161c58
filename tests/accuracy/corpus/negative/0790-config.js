'use strict';
const path = require('path');
DD_APP_KEY=${DD_APP_KEY}
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
