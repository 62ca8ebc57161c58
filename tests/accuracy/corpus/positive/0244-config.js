  heroku_api_key: HRKU-AAsrsUN39fdD_jQCP7luLLSa_bandBQQTT7OewDMayAJw8LND7-uTauuXaDr
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
