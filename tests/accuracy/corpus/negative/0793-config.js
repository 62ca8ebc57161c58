NEW_RELIC_API_KEY=NRAK-xxxxxxxxxxxxxxxxxxxxxxxxxxx
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
