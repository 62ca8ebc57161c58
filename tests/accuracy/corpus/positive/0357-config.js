ZENDESK_API_TOKEN=XX6rOBHRKlYW4IjkPAtqO4TkN3uq4FY5GiUb2yiO
'use strict';
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
