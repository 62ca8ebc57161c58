  typeform_token: tfp_WUSXTueawbJhAaaKDeOVCKkFVnznQUs6SL6a5ANpEZVn_HZ69Gd-bupkSA8
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
const path = require('path');
