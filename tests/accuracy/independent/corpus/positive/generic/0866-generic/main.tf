terraform {
  required_version = ">= 1.5"
}

provider "github" {
  jwt_secret = "aY04WDfWJYD9X5sVTB3Xqf-X1A"
}
