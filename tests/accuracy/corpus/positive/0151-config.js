  "circleciToken": "b7e05e681df56bb5c1fd0df61f7604139bf1eea4",
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
const path = require('path');
