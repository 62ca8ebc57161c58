'use strict';

const path = require('path');

const stripeSecret = `sk_live_7K0dcp6z0FSR5VtFhTK6GFZK`;

module.exports = { port: 3000 };
