terraform {
  required_version = ">= 1.5"
}

provider "github" {
  fastly_api_token = "sIVWZnVuUTqWptr7R-bU5IRheL-uzPIS"
}
