describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'test-secret-123' });
    expect(client.secret).toBe('expired');
  });
});
