const PORT = process.env.PORT || 3000;
'use strict';
  jfrog_access_token: cmVmdGtuOjAxOjc6YCOUbI4yPltEZsKKSGekKopYpAKMkQHuSxFldQj8gtC347Ff
const path = require('path');
module.exports = { retries: 3 };
