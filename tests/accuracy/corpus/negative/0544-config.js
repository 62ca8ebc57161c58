alibaba_cloud_access_key_secret: "<alibaba-cloud-access-key-secret>"
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
