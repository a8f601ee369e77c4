"""Exports of stored pledges to files staff hand to the council."""
