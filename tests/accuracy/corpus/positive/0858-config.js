module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjPsrbEfSMGwoNBoRhhxWSdSIrb9IMXU4A6MgJAUV97vgtsSyudq
'use strict';
