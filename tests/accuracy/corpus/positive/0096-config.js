AWS_SESSION_TOKEN=IQoJb3JpZ2luX2Vji/3NOIBMJw+lDmMZF8doTlifNx780IuTXb+CEWWuaEkGJL80vTaK0jcJWiFeqOawaIwI/p9/w8D6pG2vpzPMemYh+oPB/qMRiiCeryUhqH2JUYUya1JnCUtZsPHfFP+OypPCcPnlLNQ8AndOSI2Jr3QKOr0KH9o+OBl+hKlf0Ew2L8t83tzdzhU2Z6+arRh2UG1ILstQ2a6VtslEcDy5xwIs6pdSgELzWxOfdExWkq7GspUt+tMSC0wgEc/mvRSjnD/QcauAxOBP2leaMTg4wKEaujECUScvYUndizdRXgqA=
module.exports = { retries: 3 };
'use strict';
const PORT = process.env.PORT || 3000;
const path = require('path');
