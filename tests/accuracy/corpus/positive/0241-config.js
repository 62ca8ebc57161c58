const PORT = process.env.PORT || 3000;
HEROKU_API_KEY=HRKU-AAxnjSXRdGKxIdAgyZjd7EWG7l8hfQZg0tRTEOUkJyr9Gq79uZw55JvyalfV
const path = require('path');
'use strict';
module.exports = { retries: 3 };
