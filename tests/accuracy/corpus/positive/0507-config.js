const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
  gitlab_token: gldt-ixQEC6PHPqNROQNh4rI7
const path = require('path');
