'use strict';
module.exports = { retries: 3 };
DD_APP_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const path = require('path');
const PORT = process.env.PORT || 3000;
