resource "aws_db_instance" "main" {
  password = var.db_password
  username = "app"
}
resource "kubernetes_secret" "api" {
  data = { api_key = data.vault_generic_secret.api.data["key"] }
}
variable "secret_arn" { default = "arn:aws:secretsmanager:eu-west-1:258950968540:secret:prod/api-c37011" }
