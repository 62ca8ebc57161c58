http://localhost:8080/api/v1
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
'use strict';
