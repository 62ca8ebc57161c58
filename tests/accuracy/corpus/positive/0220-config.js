  scw_access_key: SCWY97WQWATRRZEYFT4A
'use strict';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
