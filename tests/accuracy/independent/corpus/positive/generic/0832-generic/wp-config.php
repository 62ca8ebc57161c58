<?php

return [
    'apikey' => '0nFBSjdHsoNZgqAMCHMIQDqD8NIPK',
];
