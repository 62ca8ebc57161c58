module.exports = { retries: 3 };
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
  gitlab_token: glagent-IQANYQsX97BSc47BXICakqalW7GrPtenP8egITE3IbnbhfseZkLI7fFdtPOtP6dN
