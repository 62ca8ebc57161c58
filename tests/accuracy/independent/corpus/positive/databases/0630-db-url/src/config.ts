'use strict';

const path = require('path');

const databaseUrl = "mysql://orders_rw:2~uKVvOnwg5ow8zE8kMst@mysql-primary.svc.cluster.local:3306/shop";

module.exports = { port: 3000 };
