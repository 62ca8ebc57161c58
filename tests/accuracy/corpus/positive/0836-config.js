'use strict';
const PORT = process.env.PORT || 3000;
mytool login --dockerhub-token dckr_oat_5rUpp2kK7cJ5NJUUcL48joGnkC4
const path = require('path');
module.exports = { retries: 3 };
