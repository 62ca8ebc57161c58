describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'dummy-api-key' });
    expect(client.secret).toBe('TEST_KEY');
  });
});
