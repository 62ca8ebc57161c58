module.exports = { retries: 3 };
xoxe.xoxp-1-REPLACE_ME
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
