terraform {
  required_version = ">= 1.5"
}

provider "cloudflare" {
  pypi_token = "pypi-AgEIcHlwaS5vcmcCPXsidmVyc2lvbiI6IDEsICJ1aWQiOiAiYWJmYWJiNzctNDFhMi00ZmE3LWIyZjktODhjNGNhYzU3Zjg5In0AAjp7InZlcnNpb24iOiAxLCAicGVybWlzc2lvbnMiOiB7InByb2plY3RzIjogWyJ0aW55cGFyc2UiXX19AAAGIDB8uvkeHSGVn_WOBig_iIT4DmXtDLLbzW5pzTxcJxua"
}
