const path = require('path');
module.exports = { retries: 3 };
'use strict';
  alibaba_cloud_access_key_id: LTAI5tLYtOx2WQfAl7DDPsVz
const PORT = process.env.PORT || 3000;
