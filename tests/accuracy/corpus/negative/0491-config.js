module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
const path = require('path');
