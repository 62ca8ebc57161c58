const path = require('path');
module.exports = { retries: 3 };
if (password === confirmPassword) {
'use strict';
const PORT = process.env.PORT || 3000;
