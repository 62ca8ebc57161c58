  gitlab_token: glimt-fOf9hfarVNYiTUHM3kv9
'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
