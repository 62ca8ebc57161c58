'use strict';

const path = require('path');

const idToken = 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0NTMwNjY4IiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImlhdCI6MTcwOTMyMjAwMSwiZXhwIjoxNzA5NDA4NDAxLCJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUtYXBwLm5ldCJ9.XF-TDofwbunfSg3kS4k8zK4Akd0_dcs4cHL3HG8hB1w';

module.exports = { port: 3000 };
