<?php

return [
    'stripe_secret_key' => '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',
];
