const PORT = process.env.PORT || 3000;
const path = require('path');
  gitlab_token: glwt-dII9sgB_Qo4eLgpZZQFY
module.exports = { retries: 3 };
'use strict';
