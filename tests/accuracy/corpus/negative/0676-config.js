const path = require('path');
GOOGLE_ACCESS_TOKEN="ya29.<your-google-access-token>"
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
