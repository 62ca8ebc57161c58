const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
const path = require('path');
VAULT_TOKEN=hvb.REPLACE
