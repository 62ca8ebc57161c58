CLAUDE_CODE_OAUTH_TOKEN="sk-ant-oat<your-claude-code-oauth-token>"
const path = require('path');
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
