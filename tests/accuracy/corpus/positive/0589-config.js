'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
mytool login --vault-recovery-token hvr.Wo2RRd4b97j8EMvivfi3VG5n
const path = require('path');
