<?php

return [
    'grafana_api_key' => 'glsa_DUBxknJ9ZdyV9QCJFT4t6Dom1iadtf8E_33e8fb06',
];
