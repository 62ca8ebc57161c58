module.exports = { retries: 3 };
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
MUX_TOKEN_SECRET=${MUX_TOKEN_SECRET}
