module.exports = { retries: 3 };
  gitlab_token: glft-Rv5OwH1zDVbTRFUJOKfh
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
