'use strict';
module.exports = { retries: 3 };
  discord_webhook_url: https://discord.com/api/webhooks/8928040448669381284/666Z81U5cvTXKWjBHR7OBxJaxjAk78heiKHwf_igSRB8NAJvsLPiVvDHSoGai4SnuiLN
const path = require('path');
const PORT = process.env.PORT || 3000;
