<?php

return [
    'coinbase_api_secret' => '3gp0Cp1NKzpoR7fEzYzw0uYdL9KtPmPB',
];
