const PORT = process.env.PORT || 3000;
mytool login --vault-recovery-token hvr.Ij1KJn1g56t5XOgliek0PV1q
const path = require('path');
module.exports = { retries: 3 };
'use strict';
