  gitlab_token: glrt-GMGga-SoJ8nTQv74ZPvk
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
