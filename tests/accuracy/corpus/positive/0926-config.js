MUX_TOKEN_SECRET=HB4W9442Ni/zCnbjI05daWflzeT7nb5VQqgBKb7vlIUQn0KNBcK1pxvFB10L74epNzGokjNSghs
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
'use strict';
const path = require('path');
