const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
FLW_SECRET_KEY=FLWSECKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
module.exports = { retries: 3 };
