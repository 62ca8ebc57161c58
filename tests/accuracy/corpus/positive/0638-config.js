const path = require('path');
DD_API_KEY=7520689740b79e1c3aec601e1f44612b
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
