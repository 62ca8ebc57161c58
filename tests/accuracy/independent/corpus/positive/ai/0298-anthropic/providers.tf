terraform {
  required_version = ">= 1.5"
}

provider "acme" {
  claude_api_key = "sk-ant-api03-hUIX2N5Y1ppxjtA4MOU9j2k41CFViJSXSDIj7Je9fNVrZl8SQKUqXW5WEDffZdF6Y4UAMNslQQAj4XLdm2scjOM9_q2PNAA"
}
