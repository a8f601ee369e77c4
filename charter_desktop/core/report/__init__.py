"""The impact report: a multi-page PDF of the insight figures, quotes and events."""
