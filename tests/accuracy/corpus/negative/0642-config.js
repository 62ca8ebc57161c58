const path = require('path');
zendesk_api_token: "<zendesk-api-token>"
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
