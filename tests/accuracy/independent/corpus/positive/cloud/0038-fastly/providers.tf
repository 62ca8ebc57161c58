terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  fastly_api_key = "RC-E5t2ruInMSa2QQ_wrGFsg80Tmkv02"
}
