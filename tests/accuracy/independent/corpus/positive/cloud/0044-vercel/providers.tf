terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  vercel_token = "m5ADsuUk56zEOu55g225EMHS"
}
