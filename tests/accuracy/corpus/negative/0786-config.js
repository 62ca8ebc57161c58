eyJpbWFnZSI6ImxvZ28ucG5nIn0.eyJkYXRhIjoibm90LWEtand0LXJlYWxseSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
