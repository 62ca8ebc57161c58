terraform {
  required_version = ">= 1.5"
}

provider "cloudflare" {
  app_secret = "4UzYKf6331BlbLBJ"
}
