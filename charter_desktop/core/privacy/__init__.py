"""Personal data at rest: attendees' names, emails, phones and postcodes are encrypted to the
council's public key before they reach the database (see envelope, keys, keyring, sealing)."""
