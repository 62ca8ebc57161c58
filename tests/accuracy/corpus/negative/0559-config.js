const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
const path = require('path');
SCW_SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
