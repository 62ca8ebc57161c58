const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
'use strict';
PAGERDUTY_TOKEN="u+<your-pagerduty-token>"
