<?php

return [
    'groq_api_key' => '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',
];
