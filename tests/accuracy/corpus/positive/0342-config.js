const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
VONAGE_API_SECRET=8umwJyR3kVpN6ent
