module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
SPACES_ACCESS_KEY_ID=DO00xxxxxxxxxxxxxxxx
