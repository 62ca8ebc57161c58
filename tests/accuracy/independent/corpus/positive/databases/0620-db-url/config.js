'use strict';

const path = require('path');

const databaseUrl = "mysql://root:QJ-n64Ji3PcHPYq8-N=j9@mysql-primary.svc.cluster.local:3306/shop";

module.exports = { port: 3000 };
