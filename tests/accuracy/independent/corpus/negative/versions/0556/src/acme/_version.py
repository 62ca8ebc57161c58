__version__ = "8.23.11"
__commit__ = "124673f5b92bf569e79c39e1d70f981a9b7db6a5"
BUILD_ID = "20250626.172"
