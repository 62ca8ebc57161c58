'use strict';
curl -H "Authorization: Bearer xoxb-653522857140-6234811696674-GdrUWjWpCkq5aC5YDfZLCwn4" https://api.internal.test/v1/status
const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
