<?php

return [
    'msteams_webhook' => 'https://prod-59.westeurope.logic.azure.com:443/workflows/29426cb3e4182aeff67b1b342357eb13/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=y4mwBpPD7pxAhDhOCt-8crYwgUFpB7k_RMtm-AxYjZD',
];
