terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  braintree_access_token = "access_token$production$mwejnuu8wh0uqrwh$f22aae53fdb9e306f04029f9a6f56f22"
}
