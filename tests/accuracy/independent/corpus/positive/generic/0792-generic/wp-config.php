<?php

return [
    'access_key' => 'dhtCZ8fR5UkJ29',
];
