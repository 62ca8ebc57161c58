<?php

return [
    'netlify_auth_token' => 'nfp_Umw489uooGs3cmREGA1jeMhkpZRz97wRuXiX2ErJ',
];
