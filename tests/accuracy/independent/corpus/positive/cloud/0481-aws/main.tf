provider "aws" {
  region     = "us-west-2"
  access_key = "AKIAZAYMDBYI5KVKO2CW"
  secret_key = "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"
}
