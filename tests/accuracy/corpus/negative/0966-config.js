'use strict';
module.exports = { retries: 3 };
const path = require('path');
key: rk_test_your_key_here
const PORT = process.env.PORT || 3000;
