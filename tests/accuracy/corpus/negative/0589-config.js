module.exports = { retries: 3 };
PLANETSCALE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
