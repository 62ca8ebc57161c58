<?php

return [
    'slack_app_token' => 'xapp-1-AKCR5CLOEER-7019424034454-536637949754eb500a7d7fc0716acc085e5cb6b2aa30913c0f7e92657a80605d',
];
