const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
SLACK_BOT_TOKEN=xoxb-000000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX
'use strict';
const path = require('path');
