<?php

return [
    'sentry_auth_token' => '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',
];
