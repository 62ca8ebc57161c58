module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
PULUMI_ACCESS_TOKEN=pul-0711d161a6657d7e9d234b28755fdb432ce979fd
'use strict';
const path = require('path');
