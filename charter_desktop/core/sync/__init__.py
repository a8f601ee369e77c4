"""Getting the kiosk's pledges to the council: the outbox, the hub client, bundles for USB."""
