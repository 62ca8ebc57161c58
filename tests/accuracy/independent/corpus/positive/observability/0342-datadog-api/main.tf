terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  dd_api_key = "9fda26698c09c422569f52f7a047bd9f"
}
