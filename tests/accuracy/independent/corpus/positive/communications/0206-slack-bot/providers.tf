terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  slack_token = "xoxb-7330218647963-3079957639243-BMumyvLRzaeoPNKmZMKrbF5o"
}
