ADYEN_API_KEY="AQE<your-adyen-api-key>"
const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
