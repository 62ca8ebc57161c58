resource "aws_kms_key" "app" {}

locals {
  kms_key_id     = "arn:aws:kms:eu-west-1:956874171937:key/998dc2ef-39a7-4b33-a6bf-e66e63861de2"
  secret_arn     = "arn:aws:secretsmanager:eu-west-1:479147149529:secret:prod/db-vgDZVp"
  secret_name    = "prod/db/credentials"
}
