module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
  grafana_api_key: eyJrIjoiY5ZGb6AlkUkbHzcAGVJkcGnNdMmpllaNaRJ7Ze11UaBeOJXkYelfR6xfCOWnRGU0R26
const path = require('path');
'use strict';
