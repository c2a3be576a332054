"""WESTEM Desktop: run a peer-mentoring scheme for women in STEM from one offline desktop application."""

__version__ = "0.1.0"
APP_NAME = "WESTEM Desktop"
APP_ID = "westem-desktop"
DESKTOP_ID = "eu.westem.Desktop"
"""The reverse-DNS id of the .desktop file, the AppStream component and the icon (Linux desktops)."""
