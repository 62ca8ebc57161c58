<?php

return [
    'client_secret' => 'o8CeiEyExAhgNE9gN',
];
