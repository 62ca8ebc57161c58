'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
EASYPOST_API_KEY=EZAKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
