const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjGreuTxSWVnbGXgYoobIMbEDiw7VZFJ7X4YxCTFB28pbbmOfaic
'use strict';
