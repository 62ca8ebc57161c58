module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
FIGMA_TOKEN=figd_mo--QYAfE3-No4ffuGYRuj1wUzzmRbchy5DekMMy
'use strict';
