terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  pplx_api_key = "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"
}
