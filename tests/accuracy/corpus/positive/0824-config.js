module.exports = { retries: 3 };
twine_password = pypi-AgEIcHlwaS5vcmc-54E8U_DUCiHyTDsUNSoB4VyCKJUNcZBGu5hCSEevI0nBvATgvnal9WjESTFFgAQQUvv
const path = require('path');
'use strict';
const PORT = process.env.PORT || 3000;
