const slackWebhookUrl = 'https://hooks.slack.com/services/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';
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
const path = require('path');
