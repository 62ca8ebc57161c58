  "bitbucketClientSecret": "SmmALsPa6ScX78GmsTbYp5OWtENj00P4",
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
