const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
  stripe_webhook_secret: whsec_rbZxeaF5cpGpqpZjtu3i4MgaiUdh7VYA
module.exports = { retries: 3 };
