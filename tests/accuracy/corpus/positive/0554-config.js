const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
  gitlab_token: glsoat-VaMUHrLDIVqMzV6JtIoi
