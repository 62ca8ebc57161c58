'use strict';

const path = require('path');

const doApiToken = `dor_v1_c18e1916dd7267cc9f7f3ceb56a85d06b8dbdbb46132fcb9fabab5d4772bf798`;

module.exports = { port: 3000 };
