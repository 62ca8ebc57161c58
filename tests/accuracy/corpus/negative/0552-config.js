module.exports = { retries: 3 };
const path = require('path');
VULTR_API_KEY=${VULTR_API_KEY}
'use strict';
const PORT = process.env.PORT || 3000;
