const path = require('path');
'use strict';
module.exports = { retries: 3 };
CIRCLE_PROJECT_TOKEN=CCIPRJ_xbkq0xluuwAYjkkqWrKt9V_3975e5ead7cef57fefef97016b05e5dedbba746f
const PORT = process.env.PORT || 3000;
