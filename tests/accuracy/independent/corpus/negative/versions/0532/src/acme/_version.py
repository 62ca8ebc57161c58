__version__ = "1.21.4"
__commit__ = "a1d1558b705fbb0e681de6ab5e6c187e7d6fd1bd"
BUILD_ID = "20251013.53"
