  linear_api_key: lin_api_q8oyXmVTzT1sMuS0FzvAaM0tZRG9KApcbq4fctY1
const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
