terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  fly_api_token = "fo1_-e_dczuK8tBfIP_KcIh1cpPdODGl4Lf86dtQW6sL9On"
}
