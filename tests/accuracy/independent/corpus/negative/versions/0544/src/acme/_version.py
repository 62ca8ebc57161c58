__version__ = "6.20.13"
__commit__ = "9ba9d470fd087381f1a7cbc31b67ce916572e810"
BUILD_ID = "20251211.187"
