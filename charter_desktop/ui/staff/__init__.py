"""The staff console behind the PIN: the day's counts, pledges, events, paper cards, exports."""
