<?php

return [
    'co_api_key' => 'O7BwYS6B3MW7WX9lbdIwVOs2e1qgitMiSU4P42xH',
];
