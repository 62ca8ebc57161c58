<?php

return [
    'db_password' => 'p1Xr4pQvXKcYAt',
];
