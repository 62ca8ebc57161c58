WEBHOOK_SECRET=0avZDva9opHBR9jwSbiihCSQAakPSY58
module.exports = { retries: 3 };
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
