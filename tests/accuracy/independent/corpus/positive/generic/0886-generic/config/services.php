<?php

return [
    'api_key' => '7ZmcfjwEzhIdQvDnYUkHEOKWno3uSPcAP/ItLcUA2cM=',
];
