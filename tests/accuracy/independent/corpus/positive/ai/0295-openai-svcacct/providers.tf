terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  openai_api_key = "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"
}
