<?php

return [
    'auth_token' => 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMzg5Nzc3IiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImlhdCI6MTcwNDM3MjI3MywiZXhwIjoxNzA0Mzc1ODczLCJpc3MiOiJiaWxsaW5nLWFwaSJ9.RHyVDjF09rCN65EXAMvetFCzWbMpoHdm7eZCXoIQYyA',
];
