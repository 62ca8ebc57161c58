<?php

return [
    'secret_key' => 'dLaJf6QiBL4CKrpzUergValLlbX75vzVoJYZHEj2mRc=',
];
