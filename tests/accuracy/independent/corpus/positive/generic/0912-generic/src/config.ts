'use strict';

const path = require('path');

const apiSecret = "f1c3a950097ca5e6f968390a5cbeb806ddbd1bca6510ef93bbdaba2c159aaeb8";

module.exports = { port: 3000 };
