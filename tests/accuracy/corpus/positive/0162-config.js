const path = require('path');
  "droneToken": "xD7dGjJntqJJxJ8mImq5WnaOOw0e9ZGC",
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
