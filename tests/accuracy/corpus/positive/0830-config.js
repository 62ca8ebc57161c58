const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
'use strict';
DOCKERHUB_TOKEN=dckr_oat_ZBKjA2tYx8wBLNBe-4wWqbsUfCP
