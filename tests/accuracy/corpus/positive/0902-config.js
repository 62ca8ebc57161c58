const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
MAPBOX_SECRET_TOKEN=sk.eyJ1IjogInJyIRwpUYgvGwzuEnVzPqTgMa38a4RwEiwhc1OkemOeXsqzdFkiaeDrTDC5.ovuTs0H6e5dVRLMhXtvjhi
'use strict';
