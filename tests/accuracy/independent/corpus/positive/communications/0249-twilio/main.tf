terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  twilio_api_secret = "lgvTwIWCQEHmRAaO5FiczqM30J7NIazC"
}
