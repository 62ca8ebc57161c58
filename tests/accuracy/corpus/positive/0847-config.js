NUGET_API_KEY=oy23vkg6apcpsh45c9ffdmd2jmnwme6tac9ke3cjauq95c
const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
