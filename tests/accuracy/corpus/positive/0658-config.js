const PORT = process.env.PORT || 3000;
NEW_RELIC_BROWSER_KEY=NRJS-3ac1e7db2dce714487e
module.exports = { retries: 3 };
const path = require('path');
'use strict';
