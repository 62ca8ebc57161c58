const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
export VAULT_TOKEN="hvs.4IKNvlf1TFuWYWYSQEl4k5pm"
module.exports = { retries: 3 };
