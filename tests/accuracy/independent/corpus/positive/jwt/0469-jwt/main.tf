terraform {
  required_version = ">= 1.5"
}

provider "github" {
  access_token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1NTUzMjY4IiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTcxMjI4MTg4NCwiZXhwIjoxNzE0ODczODg0LCJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUtYXBwLm5ldCJ9.CLe1zrvaJQ9W2944NabHHVxO-i62SkOJ24DVMNMu2z8"
}
