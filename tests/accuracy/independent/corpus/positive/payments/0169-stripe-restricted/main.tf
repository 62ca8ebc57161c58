terraform {
  required_version = ">= 1.5"
}

provider "github" {
  stripe_restricted_key = "rk_live_UFRD1hUUKiO3rcCbHJRw7nz3"
}
