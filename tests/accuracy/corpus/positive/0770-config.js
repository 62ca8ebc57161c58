const path = require('path');
'use strict';
  coinbase_api_secret: gkf8P+BCAeEjoRbZgs16WKYhHb12TrHrOE7HYsd43DuGq8vATFlCGKP5HliCcWXb
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
