"""bra_desktop: the county coordinators' and Brå's register of crime-prevention network work."""

__version__ = "0.1.0"
APP_NAME = "bra-desktop"
APP_AUTHOR = "Bra"
