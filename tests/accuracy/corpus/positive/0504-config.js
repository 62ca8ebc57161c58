'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
GITLAB_TOKEN=gldt-mAZIFFl-ja6ReEsY9HtZ
