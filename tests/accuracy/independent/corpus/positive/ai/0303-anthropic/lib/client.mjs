import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer sk-ant-api03-FTphC9x2TYSFqAaO0YrjM91bE5ZU2hzs9Uk0usZHHzAl8xhqzy2v3JX3anIf9PNBH6ahtkCNCCh9MBvJ1MtQOPSjeT47GAA`,
  },
});
