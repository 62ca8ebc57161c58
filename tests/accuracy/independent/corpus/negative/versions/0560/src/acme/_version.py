__version__ = "7.26.1"
__commit__ = "14e0117756a547f083616b2e2c76508d4aa91169"
BUILD_ID = "20240202.48"
