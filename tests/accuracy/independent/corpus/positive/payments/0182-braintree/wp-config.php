<?php

return [
    'braintree_access_token' => 'access_token$production$dh61gojclso9cayf$96e4bf4160640c62f1bad7efa9454794',
];
