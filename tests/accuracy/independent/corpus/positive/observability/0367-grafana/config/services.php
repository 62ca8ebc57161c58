<?php

return [
    'grafana_cloud_token' => 'glsa_21k0wwZ1lVvyr233UV9UhsK3DNll9ZJO_39909361',
];
