module.exports = { retries: 3 };
const path = require('path');
CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
const PORT = process.env.PORT || 3000;
