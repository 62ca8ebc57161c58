resource "aws_kms_key" "app" {}

locals {
  kms_key_id     = "arn:aws:kms:eu-west-1:229644331049:key/eca9c5bd-e67d-45f6-95a3-63b393e586a0"
  secret_arn     = "arn:aws:secretsmanager:eu-west-1:512420474924:secret:prod/db-Ny9kEE"
  secret_name    = "prod/db/credentials"
}
