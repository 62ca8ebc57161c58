'use strict';

const path = require('path');

const adminPassword = 'sYAsMcQQT6eIAfVJ1i2JaLLuH4dp';

module.exports = { port: 3000 };
