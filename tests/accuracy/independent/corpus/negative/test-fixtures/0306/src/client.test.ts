describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'bar' });
    expect(client.secret).toBe('invalid-token');
  });
});
