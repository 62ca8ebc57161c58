const PORT = process.env.PORT || 3000;
//registry.npmjs.org/:_authToken=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
const path = require('path');
'use strict';
module.exports = { retries: 3 };
