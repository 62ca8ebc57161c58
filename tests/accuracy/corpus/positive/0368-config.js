const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
  facebook_access_token: EAAGqFPL0RV9XnYZty22OnXRVJub7lW4lFmMpkeFQjyc3HpAgB4IqnKKeU78WdTc2VzTkD9bp7Obrn4Tsb6Xg39iIKxKXzycrXCnRZ8cL9H8rs5hLelJoB4y4XARqI4LP0xWm9CZh3qdYoEa3li8QqiI5A
'use strict';
const path = require('path');
