module.exports = { retries: 3 };
const path = require('path');
postmark_server_token: "<postmark-server-token>"
'use strict';
const PORT = process.env.PORT || 3000;
