const PORT = process.env.PORT || 3000;
'use strict';
  jira_api_token: ATATT3xFfGF0m4fK-w0geFQlJNliEawaABX4IFM9u4B6S7ZeUeeASZb8DfaS6nDhEjf64Tcs6AhtVc2T1eBz1dkcPVKqAsjLYsaEtH_gvmzaefZydSXtbWk11xCtLhNbZ4_05sEKYlJo6h1TRbVCRVKnVQHuyUrjN0R7boCpYQqKSY9Gpdev76=6PJZ0DI4
module.exports = { retries: 3 };
const path = require('path');
