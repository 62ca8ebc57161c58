const PORT = process.env.PORT || 3000;
ADYEN_API_KEY=AQEyhmfxxZnLgJV1uZExii+Ejfq4hakcWNm/Wl2suc9fvM7goGUn0uHdBu/DsW4EtOQ/sZ3XCvuQXukBMv1hobMdn21+v7oWA0wXSbwIZmeqDnU8GyFZL813W8buY01Ibnjf4J2CTi7udhSFMepWzbXM70
'use strict';
const path = require('path');
module.exports = { retries: 3 };
