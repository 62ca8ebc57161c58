const PORT = process.env.PORT || 3000;
'use strict';
NEO4J_URI=neo4j+s://neo4j:KDB7satLeBFRWWyv@a1b2c3d4.databases.neo4j.io
module.exports = { retries: 3 };
const path = require('path');
