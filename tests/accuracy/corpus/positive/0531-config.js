'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
  gitlab_token: glimt-cAg9eqfdXFKrJPOS9ac5
module.exports = { retries: 3 };
