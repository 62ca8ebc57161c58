const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  grafana_cloud_token: glc_eyJvIjogIjH8ZIOlOGUrIYRpVrnzOzF3LCEhRLN5bNc5OyqkBxfoKkFgY0NNaaS9dZZmROHuCLBLBXNKZfuhEP2LAivaDj9gHnG9EjJkEiVdoZUjUR31dl2mGKB9DDKldZ6
'use strict';
