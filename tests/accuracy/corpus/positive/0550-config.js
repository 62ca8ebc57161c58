const path = require('path');
GITLAB_TOKEN=glsoat-ClTnz0wUuGsioF8C-xwv
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
