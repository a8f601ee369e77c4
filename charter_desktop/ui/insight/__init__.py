"""The insight screens: the staff dashboard and the pledge wall."""
