'use strict';

const path = require('path');

const jdbcUrl = "jdbc:sqlserver://db.internal.acme.dev:1433;databaseName=orders;user=root;password=LL0!15o4INsQbV;encrypt=true";

module.exports = { port: 3000 };
