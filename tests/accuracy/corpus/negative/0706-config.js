apiKey: "xxxxxxxxxxxxxxxxxxxxxxxx"
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
