'use strict';
const PORT = process.env.PORT || 3000;
      TWINE_PASSWORD: pypi-AgEIcHlwaS5vcmcTxTk9nDFA0Qmf-p764jQyybwNLN3WohNboy6Vo9unU7u8_xHmf1Wic8_pzihF12WuklJfCyfXPiSEkHlAT97sB8K-eETzTEnskzPl4ix7UoqgnFMYWD8y3Db1
module.exports = { retries: 3 };
const path = require('path');
