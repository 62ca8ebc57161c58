module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
AZURE_OPENAI_API_KEY=938892681c9abd57bc1ba026a606fdc2
const path = require('path');
