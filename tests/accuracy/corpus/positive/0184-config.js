'use strict';
PREFECT_API_KEY=pnu_rkJqGhKABUIRRC31zyH0EvkeesXB39BJxpvL
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
