const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
twine_password = pypi-AgEIcHlwaS5vcmc-04H0E_JKFzJaORfTJQuG7CwWUHFReNZPc7mJCNmxZ1iVnOZvubcj9FzHPQUYcYPVKyp
'use strict';
const path = require('path');
