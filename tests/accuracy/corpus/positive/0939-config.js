module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
SLACK_USER_TOKEN=xoxp-242591804755-985755795742-2058665759790-2c259fece63a72c93f634816cc41b70b
