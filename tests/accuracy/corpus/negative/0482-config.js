module.exports = { retries: 3 };
'use strict';
sv=2022-11-02&sig=<signature>
const PORT = process.env.PORT || 3000;
const path = require('path');
