const path = require('path');
'use strict';
aws_secret_access_key = os.environ["AWS_SECRET_ACCESS_KEY"]
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
