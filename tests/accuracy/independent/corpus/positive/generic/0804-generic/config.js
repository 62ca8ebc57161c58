'use strict';

const path = require('path');

const clientSecret = `M2ckNcQmlF7QJsU0JwUTJ2Rn4`;

module.exports = { port: 3000 };
