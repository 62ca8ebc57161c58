FACEBOOK_ACCESS_TOKEN=EAAGHgznnFtp3ipMbwgZik5YxRZoIZAGWQVycExBVyfoUJhe1HoiB2bDEa6swaUmbGg9Y7BDRsIguZSGpKgWhn0MTtBMlxG6GB23KXSiLfmgI0DXJwqhDwD7tTxjsU83FN0ZWmB5Q8nI63wC6cFK8flXPx
'use strict';
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
const path = require('path');
