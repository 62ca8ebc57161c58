const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
glpat-xxxxxxxxxxxxxxxxxxxx
module.exports = { retries: 3 };
