const path = require('path');
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
BROKER_URL=amqp://user:{{ rabbit_password }}@mq:5672//
