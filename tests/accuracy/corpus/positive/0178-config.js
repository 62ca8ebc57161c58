const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  src_access_token: sgp_ff02531b6b1ebb57_25f64f81e33f15049587d95deefefd5e47fd8557
'use strict';
