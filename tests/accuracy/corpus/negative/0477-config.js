const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
AZURE_DEVOPS_EXT_PAT="TpsnuO5G6BBO6YTJmrrtA3HUMlM5um0yyzwJfQ8fBij7vNGxaAiUAZDO<your-azure-devops-ext-pat>"
module.exports = { retries: 3 };
