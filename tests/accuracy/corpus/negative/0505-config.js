'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
TRAVIS_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxx
