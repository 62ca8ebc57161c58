import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer dapi338ad1bbababecf03bedaebc8dcc2517-3`,
  },
});
