GOOGLE_ACCESS_TOKEN=ya29.a0AeMMfCNug7CIWcwNyhCjErZgJtrzW5A88fPXCAvMWPvYWUyqlhEJnvbb5d66uz3ttltk0uN7CerJXsr43WnWC2kb9-cBGXKHIdB32SDZS0y9IYWu5FH1yVSfDyNhzral8dwy-FHHuN0TP8aYgdNbPk7b
const path = require('path');
module.exports = { retries: 3 };
const PORT = process.env.PORT || 3000;
'use strict';
