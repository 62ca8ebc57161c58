POSTMARK_SERVER_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
