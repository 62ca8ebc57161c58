<?php

return [
    'splunk_token' => 'eab522ec-0c5d-425f-bb0a-88a1e83cf77d',
];
