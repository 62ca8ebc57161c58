'use strict';
    client-key-data: ${CLIENT_KEY_DATA}
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
