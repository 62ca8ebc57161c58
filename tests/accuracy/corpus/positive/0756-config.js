const path = require('path');
  "paypalClientSecret": "Eel4fX_zAZFHdMmVuJo3ZwEPbDjCzy3F9070vTq7DLI0_oXDOlXUoFI65r7vLRVBImeTx-LLZNhJz1gd",
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
