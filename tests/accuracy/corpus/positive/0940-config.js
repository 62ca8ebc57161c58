  "slackUserToken": "xoxp-644455013574-736906214199-9562178678234-6c8806586c8ab917ee812d69b99c7b95",
'use strict';
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
