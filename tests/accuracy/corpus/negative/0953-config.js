'use strict';
xoxp-123456789012-123456789012-1234567890123-00000000000000000000000000000000
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
