module.exports = { retries: 3 };
'use strict';
      DOCKERHUB_TOKEN: dckr_oat_-HhKZfRf9vg2Z9WC-GcuyP-JLTO
const path = require('path');
const PORT = process.env.PORT || 3000;
