'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
api-key-rotation-policy
module.exports = { retries: 3 };
