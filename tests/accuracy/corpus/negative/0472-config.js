'use strict';
module.exports = { retries: 3 };
DefaultEndpointsProtocol=https;AccountName=x;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net
const PORT = process.env.PORT || 3000;
const path = require('path');
