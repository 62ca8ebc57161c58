import axios from 'axios';

export const api = axios.create({
  baseURL: 'https://api.internal.acme.dev',
  headers: {
    Authorization: `Bearer sk-ant-api03-wH9rfgS6OsEQ7z9S7WYS7a1_hk2JPjkxw6kgpdytpHOrklByJvGTz8Dl8ZL2svCGUMabwOLnRwoxMNVz7euzksxVGGfyxAA`,
  },
});
