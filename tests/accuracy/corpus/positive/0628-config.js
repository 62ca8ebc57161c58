'use strict';
    PrivateKey=hSGmgrinMTZPrR9rIohp2bGe/xgvXtPdLs5uoy3gdco=
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
