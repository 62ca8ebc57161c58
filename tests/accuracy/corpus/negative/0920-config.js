const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
NOTION_API_KEY=${NOTION_API_KEY}
