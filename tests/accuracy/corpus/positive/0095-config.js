'use strict';
s3 = boto3.client("s3", "AKIAWOUTLUCKICDH3K6L", "JYtnZ/9WcOSLFkEeWiHuJT/gYhm54vvenybWukx+")
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
