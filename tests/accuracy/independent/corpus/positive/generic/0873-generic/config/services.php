<?php

return [
    'api_secret' => '2cFGshRDVNcHBLZC8tVB',
];
