curl --header "PRIVATE-TOKEN: glpat-gceeZkXcZMdvAj49nlwfHzy_ODS.55.n9bft7dq8" https://gitlab.example.com/api/v4/projects
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
