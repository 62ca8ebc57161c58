module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
  ossrh_token_password: oPqmbGb2I4+b5g+/1jE3927YMw1cdSJXNXgthbvT7Q12
