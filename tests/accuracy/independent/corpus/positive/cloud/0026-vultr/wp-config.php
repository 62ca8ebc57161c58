<?php

return [
    'vultr_api_key' => '0FOFAY7DTKPND2BSI2T3XMRCZ9CRF2MPSR5F',
];
