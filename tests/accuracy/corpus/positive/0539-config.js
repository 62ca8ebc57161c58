'use strict';
module.exports = { retries: 3 };
GITLAB_TOKEN=gloas-MOqc02pPxrEEEPU9ZkH7RHfzDsQE9ogSc_1Ge6oDLDSaOa5t9GD5qrLBljINF7tD
const path = require('path');
const PORT = process.env.PORT || 3000;
