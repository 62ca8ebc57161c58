const path = require('path');
const PORT = process.env.PORT || 3000;
apiKey: "AIza..."
module.exports = { retries: 3 };
'use strict';
