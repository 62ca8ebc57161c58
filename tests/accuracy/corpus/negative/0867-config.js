'use strict';
const path = require('path');
FLW_SECRET_KEY="FLWSECK<your-flw-secret-key>"
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
