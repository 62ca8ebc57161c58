const path = require('path');
module.exports = { retries: 3 };
BUILDKITE_API_TOKEN="bkua_<your-buildkite-api-token>"
'use strict';
const PORT = process.env.PORT || 3000;
