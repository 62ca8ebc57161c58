const path = require('path');
module.exports = { retries: 3 };
  gitlab_token: glwt-fJK5uuJ_Fu2kMynUJUHU
'use strict';
const PORT = process.env.PORT || 3000;
