<?php

return [
    'slack_webhook' => 'https://hooks.slack.com/services/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',
];
