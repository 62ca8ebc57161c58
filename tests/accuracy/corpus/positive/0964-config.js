module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const slackWebhookUrl = 'https://hooks.slack.com/services/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';
const path = require('path');
