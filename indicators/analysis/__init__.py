"""Figures derived from the data and set against each other: bounds, claims, consistency, releases."""
