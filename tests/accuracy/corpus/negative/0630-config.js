module.exports = { retries: 3 };
VONAGE_API_SECRET=xxxxxxxxxxxxxxxx
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
