'use strict';

const path = require('path');

const jiraApiToken = "ATATT3xFfGF0r0jq35jfWe3xqdGhfxzyWjS40gtq18o6ErHCdKM6Ek6Uz25ZN7bPN_8HpHwbx1oueLumUZEfbqSPFsrRJv2IgUV_XkkyLBf8mEUhI1sO2SDxlb25jImlzzCn0Iv4EWIfymYj7bokdSVvt5Wj-uSzeRBbJj8a8GdXG3xV3U1OLIBj7uYw4-u9=67DE2470";

module.exports = { port: 3000 };
