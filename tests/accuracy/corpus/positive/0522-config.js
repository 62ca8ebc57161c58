'use strict';
const path = require('path');
module.exports = { retries: 3 };
GITLAB_TOKEN=glft-hYHqVOq3M1mj72Xa8WhP
const PORT = process.env.PORT || 3000;
