const path = require('path');
HONEYCOMB_API_KEY=${HONEYCOMB_API_KEY}
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
