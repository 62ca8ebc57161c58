const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
mux_token_secret: "<mux-token-secret>"
