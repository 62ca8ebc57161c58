const path = require('path');
'use strict';
module.exports = { retries: 3 };
GRAFANA_CLOUD_TOKEN=glc_eyJvIjogIjkxMjM0MiIsICJuIjogInN0YWNrLXdtZWpsIiwgImsiOiAieDB4Vks5N295dnQ1VFU1amxHdWpCTW1YIiwgIm0iOiB7InIiOiAicHJvZC11cy1lYXN0LTAifX0
const PORT = process.env.PORT || 3000;
