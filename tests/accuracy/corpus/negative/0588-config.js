const path = require('path');
'use strict';
SUPABASE_SECRET_KEY="sb_secret_<your-supabase-secret-key>"
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
