module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
BOOTSTRAP_TOKEN=vnstii.x9wg4683rzyrlxje
