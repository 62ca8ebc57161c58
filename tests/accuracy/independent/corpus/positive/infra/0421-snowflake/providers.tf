terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  snowflake_password = "tylxmJ1saOIlF5+uhGfFX"
}
