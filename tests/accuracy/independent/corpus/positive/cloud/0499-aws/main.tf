provider "aws" {
  region     = "us-west-2"
  access_key = "AKIAHLNU4RLEUMJTDUSQ"
  secret_key = "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"
}
