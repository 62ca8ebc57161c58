'use strict';
module.exports = { retries: 3 };
aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE
const PORT = process.env.PORT || 3000;
const path = require('path');
