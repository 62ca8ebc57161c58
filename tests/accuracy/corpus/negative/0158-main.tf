resource "aws_db_instance" "main" {
  password = var.db_password
  username = "app"
}
resource "kubernetes_secret" "api" {
  data = { api_key = data.vault_generic_secret.api.data["key"] }
}
variable "secret_arn" { default = "arn:aws:secretsmanager:eu-west-1:319161235625:secret:prod/api-279da4" }
