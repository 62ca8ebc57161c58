const path = require('path');
'use strict';
  fly_api_token: FlyV1 fm2_lJPECAAAAAAAAGerAePTMD/C4uZmBQRDEgzV0nJkoZyXvOMiuQjfrC6hKyo91FTnh+ow3t1CA7elRh7drzvTv3TByNwtTJLk9QgkG7QvnzAwXZf0lZsvnMISwfTthwhsnb28fX7y8DwDR+jHlOA9ZlJ6RKoHrnNISg2
const PORT = process.env.PORT || 3000;
module.exports = { retries: 3 };
