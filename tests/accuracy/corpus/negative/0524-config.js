const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
CODECOV_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const path = require('path');
