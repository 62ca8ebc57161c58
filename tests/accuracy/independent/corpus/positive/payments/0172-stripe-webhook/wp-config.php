<?php

return [
    'stripe_webhook_secret' => 'whsec_mO5YTWGzkoQPjAct5eMOEQXw5Rwr9n9Y',
];
