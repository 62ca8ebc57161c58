<?php

return [
    'honeycomb_writekey' => 'Tqu1x8AgR7FIKEbIfM3cVW',
];
