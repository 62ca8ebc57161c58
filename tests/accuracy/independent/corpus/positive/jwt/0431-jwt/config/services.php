<?php

return [
    'id_token' => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2OTkyOTM0IiwibmFtZSI6InN2Yy1iaWxsaW5nIiwiaWF0IjoxNzI2ODQ1Nzg1LCJleHAiOjE3MjY4NDkzODUsImlzcyI6ImJpbGxpbmctYXBpIn0.Kww_ylF6kNXkpRbVzh__98xWC6rDNbbi1MZxsvZeIDg',
];
