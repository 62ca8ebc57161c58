module.exports = { retries: 3 };
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
mytool login --vault-recovery-token hvr.Oa0KMn5f26r3VTkepcp4CP5r
