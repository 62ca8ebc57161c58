const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
INFRACOST_API_KEY=ico-chxcOXaYqbcUF6Q9JHpAQi7fI1NdyAL1
module.exports = { retries: 3 };
