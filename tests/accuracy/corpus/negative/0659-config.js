'use strict';
const PORT = process.env.PORT || 3000;
REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379/0
const path = require('path');
module.exports = { retries: 3 };
