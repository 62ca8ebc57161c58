FCM_SERVER_KEY=AAAAziqEwmh:APA91bIoXSSL04sON-9vffNQScw3rfdFFvFVmabBJcxshTVGIxTmuYfd-oZxZJIsfFSVFcihMteCaeKeToyJeZb_Z35S_o2IUtKGoPu3LE-8iSSD08ugGOzf9otTDDLErIXJMI_fTytM
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
const path = require('path');
'use strict';
