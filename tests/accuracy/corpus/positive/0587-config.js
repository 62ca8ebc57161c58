'use strict';
const path = require('path');
VAULT_RECOVERY_TOKEN=hvr.1VgXAe97CaAdfcK9jBPu0h5A
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
