'use strict';

const path = require('path');

const connectionstringsDefault = "Server=tcp:10.0.3.17,1433;Initial Catalog=Orders;User ID=reporting;Password=bwyGTAY~x+.laSPar1wf2Nj;Encrypt=True;";

module.exports = { port: 3000 };
