DEEPSEEK_API_KEY=sk-1ea5412d84b802b60108ca640844221c
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
