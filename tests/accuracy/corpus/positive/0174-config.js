'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
SNYK_TOKEN=34814881-7d22-40db-948f-36b1afdadfa9
