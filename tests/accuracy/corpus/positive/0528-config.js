const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
GITLAB_TOKEN=glimt-uf2sZjU1fjmOKqZXca4s
module.exports = { retries: 3 };
