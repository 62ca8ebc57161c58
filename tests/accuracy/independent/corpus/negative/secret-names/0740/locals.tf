resource "aws_kms_key" "app" {}

locals {
  kms_key_id     = "arn:aws:kms:eu-west-1:387217891478:key/af45c8b9-ca49-4455-b4bc-8317152abaa0"
  secret_arn     = "arn:aws:secretsmanager:eu-west-1:765952348657:secret:prod/db-26xPbO"
  secret_name    = "prod/db/credentials"
}
