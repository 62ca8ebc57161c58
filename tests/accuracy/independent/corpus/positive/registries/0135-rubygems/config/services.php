<?php

return [
    'rubygems_api_key' => 'rubygems_3f5a6251392867debf63e50f2d466743f45e325a057dc216',
];
