<?php

return [
    'github_oauth_token' => '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',
];
