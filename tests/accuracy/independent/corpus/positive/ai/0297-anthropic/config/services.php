<?php

return [
    'anthropic_api_key' => 'sk-ant-api03-lmktijuriKTuJJjXMTkAM4l5YX8H5dRzewanmlUJRf9mmPn1BArWVcxPh2bg0RNxxAzagSplXB75oCoGLE5e_HHgGaH7iAA',
];
