const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
  vultr_api_key: TI4T3VMGGVYXT4F2QTYTT15CT3906RKIQEWQ
const path = require('path');
