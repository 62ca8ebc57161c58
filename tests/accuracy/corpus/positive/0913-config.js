const path = require('path');
'use strict';
module.exports = { retries: 3 };
CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-14Afi6Cq6SToCIkhL6JfQaqn3DURLZPZ060E9gTfIvb
const PORT = process.env.PORT || 3000;
