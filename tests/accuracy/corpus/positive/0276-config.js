'use strict';
const path = require('path');
  planetscale_token: pscale_tkn_LhAaX1bXgWCrBygbTzS8kdax8DY4ye3wmatfzZoPoDL
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
