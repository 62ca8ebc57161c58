import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzMDg1ODI5IiwibmFtZSI6InN2Yy1iaWxsaW5nIiwiaWF0IjoxNzAwNDExMjc2LCJleHAiOjE3MDA0OTc2NzYsImlzcyI6Imh0dHBzOi8vbG9naW4uZXhhbXBsZS1hcHAubmV0In0.9OlYqu67w82r1w_WVWWsPFiSbhcyFWmR15tBGhznh28`,
  },
});
