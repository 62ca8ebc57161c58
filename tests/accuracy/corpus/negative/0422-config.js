OPENAI_API_KEY=sk-svcacct-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
const path = require('path');
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
