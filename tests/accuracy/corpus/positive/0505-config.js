  gitlab_token: gldt-ioAYU7NQSrXKNGDq2wZ4
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
module.exports = { retries: 3 };
