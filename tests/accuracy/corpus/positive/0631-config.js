const PORT = process.env.PORT || 3000;
SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2OTYzMjU0NjkiLCJuYW1lIjoibS5rb3dhbHNraSIsImlhdCI6MTc0ODcxMTQzNCwicm9sZSI6InJlYWRlciJ9.sfChhUPPQM-AVLyaE6fckfDH0omjBf0-vEtbs-NWW6l
module.exports = { retries: 3 };
'use strict';
const path = require('path');
