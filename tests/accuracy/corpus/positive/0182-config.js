const PORT = process.env.PORT || 3000;
  harness_api_key: pat.yaiJRjaLV9ShMzup3PzVEB.f3580bc0ea8006a330d9cefd.KFPZ1HFz3m0JG6X6IWaP
module.exports = { retries: 3 };
const path = require('path');
'use strict';
