'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
  gitlab_token: gloas-lRucwibbIXJKUVYXzMSXXL5M1InEC76xVyhAomUibNZRplRf3Mn3y2gz6p5cf6z3
module.exports = { retries: 3 };
