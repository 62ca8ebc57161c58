provider "aws" {
  region     = "us-west-2"
  access_key = "AKIA7HCZ2H45ERF6R5UT"
  secret_key = "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"
}
