ARTIFACTORY_API_KEY=AKCpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
'use strict';
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
