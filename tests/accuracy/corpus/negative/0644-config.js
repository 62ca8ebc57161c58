const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
HUBSPOT_ACCESS_TOKEN=pat-na1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
