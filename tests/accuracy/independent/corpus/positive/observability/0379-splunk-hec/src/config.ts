'use strict';

const path = require('path');

const splunkHecToken = '36fa20c5-7f2e-4003-9e20-66c9b69e3450';

module.exports = { port: 3000 };
