terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  session_secret = "aGb9wQWfgOuAhb8uNnMhlAgr6CCdAMrS"
}
