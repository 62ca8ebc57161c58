const PORT = process.env.PORT || 3000;
const path = require('path');
GRAFANA_TOKEN=glsa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
module.exports = { retries: 3 };
'use strict';
