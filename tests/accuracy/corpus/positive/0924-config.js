module.exports = { retries: 3 };
  webhook_secret: o8321Yeua5bIyzGNUNBRtkvxN1VgzDrn
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
