terraform {
  required_version = ">= 1.5"
}

provider "github" {
  credentials = "inj5UVLRVaUaj5"
}
