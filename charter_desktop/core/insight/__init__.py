"""What the pledges add up to: the dashboard's figures and their queries, and the pledge
wall's reads."""
