'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  gitlab_token: glcbt-6NPqIyH6rlUx8VnmFHkk
const path = require('path');
