terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  vultr_api_key = "YCQL17KKTRVZ6A3TRHPCV0864G5TAJEL3ZGE"
}
