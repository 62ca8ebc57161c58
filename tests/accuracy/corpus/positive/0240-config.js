'use strict';
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
HEROKU_API_KEY=HRKU-AAqziDCVxPDjJcTfzWnc6JXY5a7gbXTq2aDQCTJrUvq6Nc71gMu21QawpugC
