'use strict';

const path = require('path');

const connectionstringsDefault = 'Server=tcp:db.internal.acme.dev,1433;Initial Catalog=Orders;User ID=reporting;Password=lNKfEqD3q5Dh23JPIF8Q9;Encrypt=True;';

module.exports = { port: 3000 };
