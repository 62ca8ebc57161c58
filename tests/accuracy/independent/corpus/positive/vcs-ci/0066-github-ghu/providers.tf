terraform {
  required_version = ">= 1.5"
}

provider "github" {
  github_user_token = "ghu_xSajNWEGxsQRWtk6sLqhYAQp5rOu3Z3pJHVP"
}
