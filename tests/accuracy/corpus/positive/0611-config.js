const path = require('path');
module.exports = { retries: 3 };
  bootstrap_token: 2xp5fg.7l47lyco27191xny
const PORT = process.env.PORT || 3000;
'use strict';
