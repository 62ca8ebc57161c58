const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
SENTRY_DSN=https://56dfdcd00f687d74d6116dca6c04ea0f:f95116dc502d85f394c0f113f08255a0@o417144.ingest.sentry.io/2601085
