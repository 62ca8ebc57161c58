const path = require('path');
const stripeApiKey = 'rk_test_4b8jezlMQyEnMVmXkOXhK0iMb547A2BHByGcBp0eKOt7GfByWKQEysrC1SYI2I8dha0PckFOhJxGc9NVe7ZqOrl2iFtXGHHBFa';
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
