provider "aws" {
  region     = "us-west-2"
  access_key = "AKIAZOEX5KOMFQTRH4GC"
  secret_key = "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"
}
