terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  sendgrid_key = "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"
}
