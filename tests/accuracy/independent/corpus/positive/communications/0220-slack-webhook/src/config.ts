'use strict';

const path = require('path');

const slackWebhook = 'https://hooks.slack.com/services/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';

module.exports = { port: 3000 };
