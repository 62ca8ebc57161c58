terraform {
  required_version = ">= 1.5"
}

provider "github" {
  github_app_token = "ghs_B7yIZqJyeS049CCK6IsfsgXMSD4Xmd0uegF0"
}
