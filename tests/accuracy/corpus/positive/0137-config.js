module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
BITBUCKET_APP_PASSWORD=ATBBSQdtKAp43LgS8Q2nIJ2n40CXuBdQ9Z6E4A9K
'use strict';
