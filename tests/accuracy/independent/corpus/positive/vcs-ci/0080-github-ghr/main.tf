terraform {
  required_version = ">= 1.5"
}

provider "cloudflare" {
  refresh_token = "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"
}
