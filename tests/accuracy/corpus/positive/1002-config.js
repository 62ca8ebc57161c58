const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
STRIPE_API_KEY = "rk_test_54y4WfZeK8etuZygxk96n9pafjcBP3RS6UMxpecIjFEfcde4jJLaeTb2v6PbAXyJwfRAapyQQQ3OcsmrdcFzR7izDrWX5dzxLu"
'use strict';
