'use strict';
module.exports = { retries: 3 };
const path = require('path');
db_password = get_secret("db/password")
const PORT = process.env.PORT || 3000;
