module.exports = { retries: 3 };
  contentful_management_token: CFPAT-nK1yQgVEaSVra2suGjpwvoUK3Yobsy2t8e7GlXC1RpJ
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
