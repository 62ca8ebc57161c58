__version__ = "0.14.14"
__commit__ = "5283d3cc1a4e8dfb36bfa7ee0993d15a4f01981a"
BUILD_ID = "20240925.134"
