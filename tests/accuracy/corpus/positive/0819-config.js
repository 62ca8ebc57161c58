module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcKs9D-Vs_nggaUGSZn967nKyRJkz22c80B36AUdDxDMtYVHTG_QMGCnvsfdJ6HKVOPkU9XZR2JywHApav9hQLn1I
