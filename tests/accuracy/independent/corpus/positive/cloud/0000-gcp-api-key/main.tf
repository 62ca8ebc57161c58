terraform {
  required_version = ">= 1.5"
}

provider "github" {
  maps_api_key = "AIzag6VpPKs1G9Hdyp735L_sl-AGiod1p46d0o5"
}
