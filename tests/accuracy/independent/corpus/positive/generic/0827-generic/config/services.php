<?php

return [
    'api_key' => 'E=WtVbhHd0BT99R7Zrw',
];
