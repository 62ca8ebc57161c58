const PORT = process.env.PORT || 3000;
  adyen_api_key: AQEguwnc4DmEYmqTvbkh7mQDCSnQVuHdCELHBXXZ7QkaQNq1zembq/apVf6TGw/ioufEVExnTLMaB16nLqAtS8XB1r429+c6lSeAKxmifOdHkLAqQkQnP4zTicSDdPi-tNcl30sfuYImq8CuiTPYSJNz7M
module.exports = { retries: 3 };
const path = require('path');
'use strict';
