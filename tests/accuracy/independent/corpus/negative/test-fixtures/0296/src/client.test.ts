describe('client', () => {
  it('sends the api key', async () => {
    const client = new Client({ apiKey: 'letmein' });
    expect(client.secret).toBe('sk_test_fake');
  });
});
