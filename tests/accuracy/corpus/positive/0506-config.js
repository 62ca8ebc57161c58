module.exports = { retries: 3 };
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
  gitlab_token: gldt-jaUZW7IEJmXDRKQg1bZ4
