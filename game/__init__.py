"""Interdict: a tabletop exercise about counter-narcotics cooperation."""
