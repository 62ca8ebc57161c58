TFE_TOKEN=lxhXldGvaVsgTG.atlasv1.C9VgqFoc3cvZFZ3euEgd1k5Q5E6e-Cg8iQDne7M7KuaBa6kxaAZjTNHj5ys2hVpMhRk
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
