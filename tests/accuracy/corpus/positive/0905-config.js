module.exports = { retries: 3 };
  mapbox_secret_token: sk.eyJ1IjogImrnc3vwe5u9WxzlBhObExSbZSquA0RncEH2g8ZawlZ6vRE1iG2rdcNbIdE6.dM5HavS1j6Fo6T_7N1lk8O
const PORT = process.env.PORT || 3000;
const path = require('path');
'use strict';
