<?php

return [
    'slack_user_token' => 'xoxp-7413545283432-1718171146534-8672358109228-45a2a5f7807cfe6b74dcd993130f1e1e',
];
