__version__ = "6.8.16"
__commit__ = "c973c0edf4116eb18678f82148a3c752e27cf9a9"
BUILD_ID = "20250502.7"
