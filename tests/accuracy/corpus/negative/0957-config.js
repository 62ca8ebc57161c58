SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
'use strict';
