describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'sk_test_fake' });
    expect(client.secret).toBe('abc123');
  });
});
