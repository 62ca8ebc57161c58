'use strict';
module.exports = { retries: 3 };
const path = require('path');
REDIS_URL=redis://:jchpow928MXFA@redis-master.cache.svc:6379/0
const PORT = process.env.PORT || 3000;
