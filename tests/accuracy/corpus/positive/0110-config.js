  "azureClientSecret": "MG_8Q~uSQTh63XDH5f4HLrP6f0rwvi5xRTdbeM6y",
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
