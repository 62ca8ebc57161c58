import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer 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`,
  },
});
