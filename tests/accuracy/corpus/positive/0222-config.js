'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
  scw_access_key: SCWR00BMUCLMOPKYTJ9J
