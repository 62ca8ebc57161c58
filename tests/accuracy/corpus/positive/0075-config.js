const PORT = process.env.PORT || 3000;
const path = require('path');
module.exports = { retries: 3 };
'use strict';
  pinecone_api_key: pcsk_IzBCh_VH1Dec70VctREPT1Zki6W9gqeV3IPEEXS71IbjKWSS0Ht1IxskRSEGgo6iuQeo2Y
