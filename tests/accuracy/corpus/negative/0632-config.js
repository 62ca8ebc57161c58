'use strict';
module.exports = { retries: 3 };
const path = require('path');
TEAMS_WEBHOOK_URL="https://contoso.webhook.office.com<your-teams-webhook-url>"
const PORT = process.env.PORT || 3000;
