module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
RAZORPAY_KEY_SECRET=ZkSxCUgcqD9s7WuudIW5fxR4
