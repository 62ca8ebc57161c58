      GITHUB_TOKEN: ghs_0JcAk93hN2iOKHyB70oUs21MvcSzu80jOdpI
module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
