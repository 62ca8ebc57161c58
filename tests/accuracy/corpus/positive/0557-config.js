'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
GITLAB_TOKEN=glffct-TbE7zbs0yTZYejsybeT5
