'use strict';
const path = require('path');
const stripeApiKey = 'sk_test_1b905DpNM0ofyTydMVSe5x7bc3o8VsNZLFba8TZdw9GYL4umOSMmaDp5DU6eFbdVObK6Hkd6b6LEDpOUiNbyCqkIlyd4w3V58U';
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
