resource "aws_kms_key" "app" {}

locals {
  kms_key_id     = "arn:aws:kms:eu-west-1:507401810727:key/186e4a10-266e-452e-a15e-1caed3c3dea0"
  secret_arn     = "arn:aws:secretsmanager:eu-west-1:858422694554:secret:prod/db-eR3QVs"
  secret_name    = "prod/db/credentials"
}
