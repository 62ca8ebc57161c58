terraform {
  required_version = ">= 1.5"
}

provider "github" {
  replicate_api_token = "r8_0LjIsqGBgei3Zy1DIVNLOmyRfF75E8bmoNQPP"
}
