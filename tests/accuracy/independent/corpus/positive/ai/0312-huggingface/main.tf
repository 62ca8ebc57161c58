terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  hugging_face_hub_token = "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"
}
