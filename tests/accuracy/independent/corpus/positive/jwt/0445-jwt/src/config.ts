'use strict';

const path = require('path');

const authToken = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxOTU3MDgxIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTcwMjgyNDM2NCwiZXhwIjoxNzAyODI3OTY0LCJpc3MiOiJodHRwczovL2F1dGguYWNtZS1jb3JwLmlvLyJ9.fIZZqE24jsaEk9ctIOkZL5nEIu3Z7BeL8bb7BfL7t4w";

module.exports = { port: 3000 };
