__version__ = "6.9.2"
__commit__ = "6a99be46b33034e202bb3d3d370b622d507227da"
BUILD_ID = "20240222.198"
