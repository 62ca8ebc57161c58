const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
const path = require('path');
  replicate_api_token: r8_CHtOQAGzo3TMW70tRsYsWcLmk1RGTx9lQEuQk
