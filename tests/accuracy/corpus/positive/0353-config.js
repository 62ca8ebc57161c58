'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
  mailersend_api_key: mlsn.8eb90af166089de857b064d1992a9167570e0de18b92d35f4d5614ec800a943e
