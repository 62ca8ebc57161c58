'use strict';

const path = require('path');

const connectionstringsDefault = 'Server=tcp:prod-db-1.c9akciq32.eu-west-1.rds.amazonaws.com,1433;Initial Catalog=Orders;User ID=app;Password=V_ibbA00j7C_umXqj5!s;Encrypt=True;';

module.exports = { port: 3000 };
