provider "aws" {
  region     = "us-west-2"
  access_key = "AKIAZOILU47OP3MRPCTC"
  secret_key = "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"
}
