<?php

return [
    'twilio_api_key' => 'SK16e780ea77679c21e31ee554b3ec7e43',
];
