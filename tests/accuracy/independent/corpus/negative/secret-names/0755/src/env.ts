export function getApiKeyFromEnv(): string {
  const apiKey = process.env.API_KEY ?? "";
  const secretName = "MY_SECRET_NAME";
  return apiKey;
}
export const tokenStorageKey = "auth.accessToken";
