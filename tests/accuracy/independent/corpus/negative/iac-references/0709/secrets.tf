data "aws_secretsmanager_secret_version" "api" {
  secret_id = "prod/api/key"
}

locals {
  api_key = jsondecode(data.aws_secretsmanager_secret_version.api.secret_string)["api_key"]
}
resource "random_password" "db" {
  length  = 32
  special = true
}
output "db_password" {
  value     = random_password.db.result
  sensitive = true
}
