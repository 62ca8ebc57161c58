const PORT = process.env.PORT || 3000;
  supabase_secret_key: sb_secret_x1kDKvJ4xWaTp3AcFkZcCx4uKd48Yzx
'use strict';
module.exports = { retries: 3 };
const path = require('path');
