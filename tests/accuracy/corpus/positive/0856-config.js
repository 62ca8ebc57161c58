  artifactory_api_key: AKCpvXn7i3bNmEHiQAcSBYa9RR6AdcMKz8xLI8TlIWPteBYINTIwpsZMcbR6zQFdtPXnxgdMI
module.exports = { retries: 3 };
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
