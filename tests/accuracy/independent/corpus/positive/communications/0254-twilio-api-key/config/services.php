<?php

return [
    'twilio_api_key' => 'SK9588b3bdc352f378cd2826c77e2f093d',
];
