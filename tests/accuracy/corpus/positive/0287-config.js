'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
  planetscale_token: pscale_oauth_HIE505zDigvrwLCvgcmobKcBcWovUzNf8pb8afFMoeb
