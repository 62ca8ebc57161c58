'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
MISTRAL_API_KEY=${MISTRAL_API_KEY}
