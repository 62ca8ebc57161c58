module.exports = { retries: 3 };
'use strict';
PAGERDUTY_TOKEN=u+cAdfRaDF4aXrTFDHEh
const path = require('path');
const PORT = process.env.PORT || 3000;
