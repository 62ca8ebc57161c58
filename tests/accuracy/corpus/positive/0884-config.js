const path = require('path');
  airtable_api_key: patICJE5TWSkqDEfG.38778086890e1eca4ad540099bbef573ba77b8e59464771cd6d8c5cda43b9a57
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
