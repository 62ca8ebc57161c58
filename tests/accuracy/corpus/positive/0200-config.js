'use strict';
ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tLKtg0eJ3HwXZDHbsrd
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
