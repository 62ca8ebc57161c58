describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'fake-token' });
    expect(client.secret).toBe('not-a-real-secret');
  });
});
