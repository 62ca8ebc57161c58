<?php

return [
    'token' => 'o0sMwzFKMu6Q9gkNHEviVmFQmtOaGXXMFAMPylqIcFytVc43cGVDbWih/3x7smVq',
];
