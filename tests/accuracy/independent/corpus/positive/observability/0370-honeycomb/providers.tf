terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  honeycomb_writekey = "elauiuCqrgtjhYGCZK4hQd"
}
