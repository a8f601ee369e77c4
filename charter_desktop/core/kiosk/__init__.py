"""What the kiosk's screens need from the store: saving a pledge, the kiosk's settings, and
the queue of certificates waiting for the printer."""
