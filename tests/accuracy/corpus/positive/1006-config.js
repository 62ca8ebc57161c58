STRIPE_WEBHOOK_SECRET=whsec_pfaIlHK8BxbDgVnDyPoR2aDAdcTa1A2y
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
