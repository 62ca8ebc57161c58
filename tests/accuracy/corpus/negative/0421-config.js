const PORT = process.env.PORT || 3000;
'use strict';
OPENAI_API_KEY=sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
module.exports = { retries: 3 };
const path = require('path');
