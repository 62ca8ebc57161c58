const token = localStorage.getItem("token");
module.exports = { retries: 3 };
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
