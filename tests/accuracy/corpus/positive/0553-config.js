  gitlab_token: glsoat-OkTPTvQOPCjGsE9KkWfg
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
