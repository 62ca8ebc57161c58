module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
const sendgridApiKey = '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';
