TOGETHER_API_KEY=91bc160ec447500df8398977007498f4417db6c02ac6e61af6bc24f249d42bea
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
