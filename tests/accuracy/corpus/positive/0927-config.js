module.exports = { retries: 3 };
const path = require('path');
  mux_token_secret: +vD4QQj8Wj/P7yccdJVXkmKP8/ymcGm15KTjOsZACkwOSy3nj9MQmnY/3S+Akx66HE5aV/WOKh+
const PORT = process.env.PORT || 3000;
'use strict';
