  scw_access_key: SCWS04BLQTPRCJRCQN3A
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
