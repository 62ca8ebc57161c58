import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer 191bb838d35be012aae94b4cff52a22784bd8`,
  },
});
