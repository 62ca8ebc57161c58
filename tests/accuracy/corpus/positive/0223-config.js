const PORT = process.env.PORT || 3000;
const path = require('path');
SCW_SECRET_KEY=181e22be-584b-419a-8938-0e37d6ebf643
'use strict';
module.exports = { retries: 3 };
