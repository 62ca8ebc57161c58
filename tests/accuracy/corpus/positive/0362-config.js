'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  hubspot_access_token: pat-na1-a2762fc5-f76a-4c1c-94f4-a3fdd653e7ee
