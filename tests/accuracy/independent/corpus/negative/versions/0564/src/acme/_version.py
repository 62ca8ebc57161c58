__version__ = "2.10.4"
__commit__ = "bbcfbfdb29625435de12eeba844f297c93eb5795"
BUILD_ID = "20250721.6"
