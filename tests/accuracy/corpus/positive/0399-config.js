const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
<add key="GoogleApiKey" value="AIzaSyQogaRO5y6C4hY7SKFmwz-UBTFQSewL6Cl" />
