terraform {
  required_version = ">= 1.5"
}

provider "datadog" {
  crates_io_token = "cioqC1rf1fTR29bRv1cmQgaNMI5URGN0aOZ"
}
