const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
AZURE_CLIENT_SECRET=Bti3Q~t3cR2NQ76TUD-VLt-zZBUw1QCxv1Ig~mam
