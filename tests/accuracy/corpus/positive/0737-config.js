const PORT = process.env.PORT || 3000;
const path = require('path');
SQUARE_ACCESS_TOKEN=EAAAEqXqkDxnzgaDBU7jcEbkOmAM79lpYKb8VmyyMeO04UL9aMk_xTz2RTatD9ca
module.exports = { retries: 3 };
'use strict';
