const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
  linear_api_key: lin_api_i2tvFmXSaK2nWeK8IzaDfG0rMZE0ALisej8chyH1
