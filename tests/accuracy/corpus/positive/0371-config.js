const path = require('path');
'use strict';
FACEBOOK_APP_SECRET=14bd95eb15c135d3f8fddcdac4255987
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
