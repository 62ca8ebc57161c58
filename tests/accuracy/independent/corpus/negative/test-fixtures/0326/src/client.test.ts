describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'not-a-real-secret' });
    expect(client.secret).toBe('mock_token');
  });
});
