const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
  square_access_token: EAAAEMamru4MfaOxplF4pHbU2QY6Ktkf-HHlJki1ne7s67pOB4FLZWWohGbZcvGc
