GITLAB_TOKEN=glwt-qi2mYZQrsro0uVmy637n
module.exports = { retries: 3 };
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
