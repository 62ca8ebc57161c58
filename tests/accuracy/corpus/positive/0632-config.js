const PORT = process.env.PORT || 3000;
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NzU2NTUyNzYiLCJuYW1lIjoic3ZjLWJpbGxpbmciLCJpYXQiOjE2ODAyNzkwOTksInJvbGUiOiJyZWFkZXIifQ.9B6rwMB0qI7EVAsVoj1Fbzh01WHFVjWQXZSPevys6cM" https://api.internal.test/v1/status
const path = require('path');
module.exports = { retries: 3 };
'use strict';
