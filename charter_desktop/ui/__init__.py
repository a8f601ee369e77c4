"""The PySide6 user interface. It calls core services and never writes SQL."""
