const path = require('path');
  planetscale_token: pscale_pw_8wMpKow7Rd1e8bNkkEcook6pXqSNkft2cZtzxUdDP3a
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
