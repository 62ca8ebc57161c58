const path = require('path');
'use strict';
module.exports = { retries: 3 };
TWITCH_CLIENT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
const PORT = process.env.PORT || 3000;
