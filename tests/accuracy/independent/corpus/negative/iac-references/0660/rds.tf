resource "aws_db_instance" "main" {
  engine   = "postgres"
  username = var.db_username
  password = var.db_password
}

variable "db_password" {
  type      = string
  sensitive = true
}
