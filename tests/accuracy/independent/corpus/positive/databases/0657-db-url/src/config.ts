'use strict';

const path = require('path');

const jdbcUrl = 'jdbc:sqlserver://10.0.3.17:1433;databaseName=orders;user=orders_rw;password=U0LHlJYpQ6Bcei2rk;encrypt=true';

module.exports = { port: 3000 };
