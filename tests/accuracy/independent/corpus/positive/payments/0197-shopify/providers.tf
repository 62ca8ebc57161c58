terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  shopify_access_token = "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"
}
