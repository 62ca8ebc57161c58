const path = require('path');
'use strict';
curl -H "Authorization: Bearer xoxb-426573114427-1455455893347-YdpEVhGxHrq7mE2AEjWEMst4" https://api.internal.test/v1/status
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
