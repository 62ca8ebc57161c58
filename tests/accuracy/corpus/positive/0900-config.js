const PORT = process.env.PORT || 3000;
MAPBOX_SECRET_TOKEN=sk.eyJ1IjogImJsYWpoZGdkIiwgImEiOiAiYm10c3VxMmtrd3RibnRlZnphdWdmdnJiNSJ9.viqHc2L3m5aIHTNfHyqzyt
'use strict';
const path = require('path');
module.exports = { retries: 3 };
