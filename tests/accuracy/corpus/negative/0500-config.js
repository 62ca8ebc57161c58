const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
CIRCLECI_TOKEN=${CIRCLECI_TOKEN}
