const path = require('path');
'use strict';
ARTIFACTORY_API_KEY=AKCpmgWRamFVpdG7oUuG7baBEgy8LaHFBTLwOW0M7PJ3nB6mBiFXjy791aoGgHMpfQRaN6cM7
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
