const PORT = process.env.PORT || 3000;
const path = require('path');
NEW_RELIC_API_KEY=NRAK-7Z4XBCGR0IQ6BO4Q3AAGYB2X06V
module.exports = { retries: 3 };
'use strict';
