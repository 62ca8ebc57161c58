const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
GITLAB_TOKEN=glptt-WGlSvTbB-4iVXX47W2_b
