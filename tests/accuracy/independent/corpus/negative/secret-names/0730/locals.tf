resource "aws_kms_key" "app" {}

locals {
  kms_key_id     = "arn:aws:kms:eu-west-1:484158942253:key/38402969-edc0-4b86-8c20-5e4b07f8dbea"
  secret_arn     = "arn:aws:secretsmanager:eu-west-1:911992509633:secret:prod/db-6U8vXy"
  secret_name    = "prod/db/credentials"
}
