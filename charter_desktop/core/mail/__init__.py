"""Certificates by email: the queue the kiosk fills offline, and the SMTP sender for later."""
