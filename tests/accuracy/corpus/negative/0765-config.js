const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
PULUMI_ACCESS_TOKEN=pul-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const path = require('path');
