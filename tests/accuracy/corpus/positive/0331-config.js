'use strict';
  "discordBotToken": "M3vHyL2t-fuKFXGfSgEDkeoWQT.9qA0xG.9Q_vDWTWYMPgVTYsR00cpv0dLAio1BIdHJL87t",
const path = require('path');
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
