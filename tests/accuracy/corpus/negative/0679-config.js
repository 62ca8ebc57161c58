const path = require('path');
'use strict';
password = os.environ["DB_PASSWORD"]
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
