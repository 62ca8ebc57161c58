'use strict';
const path = require('path');
module.exports = { retries: 3 };
  gitlab_token: gloas-zAndctdfAJYIPNVZqDHKBM9M3MfAO73lSixShkUftEYLuoQb2Wf6f7gq9a1dd3i3
const PORT = process.env.PORT || 3000;
