<?php

return [
    'slack_bot_token' => 'xoxb-3962429475951-3443278078997-YCstXAXu5IKFSL1WeOZgkhmg',
];
