module.exports = { retries: 3 };
PLANETSCALE_TOKEN="pscale_pw_<your-planetscale-token>"
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
