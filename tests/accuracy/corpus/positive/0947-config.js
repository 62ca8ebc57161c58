const PORT = process.env.PORT || 3000;
SLACK_CONFIG_TOKEN=xoxe-1-fM5q7QFeOHc9WvqrtbXca0ZHhbEDOIElodicsnlP8u5CsaBQJqPOjfXHud1dgcdFaFe2cezgFsX9eaEfbZxHdFmnh39ud0MidLMCINzgtPGz69JAjgql1Av1SW3CK1FVLiJFOQrruG2hDofcqC
module.exports = { retries: 3 };
'use strict';
const path = require('path');
