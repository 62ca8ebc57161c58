module.exports = { retries: 3 };
const path = require('path');
const PORT = process.env.PORT || 3000;
from huggingface_hub import hf_hub_download_with_retries_and_timeouts
'use strict';
