'use strict';

const path = require('path');

const googleClientSecret = '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';

module.exports = { port: 3000 };
