"""The pledge record and everything done to it: validation, the stored rows, staff
corrections, withdrawals and erasures, consent, retention, imports, paper cards, demo data."""
