<?php

return [
    'credentials' => 'Yti9fSfyGiBQ0l4MeOGpm',
];
