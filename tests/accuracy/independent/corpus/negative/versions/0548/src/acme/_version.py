__version__ = "11.0.1"
__commit__ = "00d96fcefc1fc96104fcb837403d3a0a536e693c"
BUILD_ID = "20240519.132"
