const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
SPLUNK_HEC_TOKEN=${SPLUNK_HEC_TOKEN}
