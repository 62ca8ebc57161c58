'use strict';

const path = require('path');

const apiSecret = `U8E9w1yJk16HMhbL~rp3wKRKJ`;

module.exports = { port: 3000 };
