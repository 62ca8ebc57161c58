'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
AZURE_CLIENT_SECRET=Xet2Q~y5cK2LG79TAF-ZGa-bYYHg7PQmp4Yo~thq
module.exports = { retries: 3 };
