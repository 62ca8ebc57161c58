__version__ = "3.18.5"
__commit__ = "f056aecac3e76a78a114575ed8fd7601e9937a22"
BUILD_ID = "20240927.139"
