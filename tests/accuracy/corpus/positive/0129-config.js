'use strict';
const PORT = process.env.PORT || 3000;
  "azureOpenaiApiKey": "7c736775efd644b6759270b59e5b5736",
module.exports = { retries: 3 };
const path = require('path');
