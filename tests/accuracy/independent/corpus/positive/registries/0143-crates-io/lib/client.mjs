import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer ciowt4rH9QfmtSWyv9BjzCc78OeeCMFezZn`,
  },
});
