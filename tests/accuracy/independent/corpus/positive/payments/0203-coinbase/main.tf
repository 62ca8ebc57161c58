terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  coinbase_api_secret = "24PDqrg0LjOzmIlWBdpElLdiFx8ALo3x"
}
