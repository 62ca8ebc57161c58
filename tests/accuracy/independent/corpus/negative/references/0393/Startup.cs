var apiKey = Environment.GetEnvironmentVariable("API_KEY");
var password = configuration["Database:Password"];
string token = System.getenv("AUTH_TOKEN");
