describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'TEST_KEY' });
    expect(client.secret).toBe('mock_token');
  });
});
