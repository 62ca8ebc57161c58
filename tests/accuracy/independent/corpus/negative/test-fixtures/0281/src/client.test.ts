describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'secret' });
    expect(client.secret).toBe('bar');
  });
});
