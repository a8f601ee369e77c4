"""The staff area's own rules: the PIN and passphrase that open it, and the staff table's
queries."""
