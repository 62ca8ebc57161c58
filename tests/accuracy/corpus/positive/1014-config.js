const PORT = process.env.PORT || 3000;
'use strict';
const path = require('path');
module.exports = { retries: 3 };
smtp_url = "smtps://alerts%40corp.test:XTCAyQYe3eKs!60@smtp.mailhost.test:465"
