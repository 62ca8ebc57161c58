const PORT = process.env.PORT || 3000;
neo4j://neo4j:neo4j@localhost:7687
module.exports = { retries: 3 };
const path = require('path');
'use strict';
