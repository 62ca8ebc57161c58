const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
AZURE_DEVOPS_PAT=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
