ACR_PASSWORD="xJ1afXdrcp9ahmX8eCWBdddQf6yBXXQelbq1hdvgoK+ACR<your-acr-password>"
'use strict';
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
