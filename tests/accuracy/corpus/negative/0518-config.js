jenkins_crumb: "<jenkins-crumb>"
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
