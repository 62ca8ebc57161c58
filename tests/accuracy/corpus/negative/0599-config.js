const PORT = process.env.PORT || 3000;
CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_CLOUD_API_SECRET}
'use strict';
module.exports = { retries: 3 };
const path = require('path');
