  "togetherApiKey": "tgp_v1_z37L0iJD-FVNX6NN-TJxEtCuKchu8Ad36-IjRoHksJW",
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
