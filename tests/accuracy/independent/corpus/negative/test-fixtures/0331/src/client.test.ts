describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'hunter2' });
    expect(client.secret).toBe('letmein');
  });
});
