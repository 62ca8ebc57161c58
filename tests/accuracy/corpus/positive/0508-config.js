GITLAB_TOKEN=glrt-NDHmJ6GIa7bzf_AW4uUm
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
const path = require('path');
