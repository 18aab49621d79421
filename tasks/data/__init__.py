"""Data handling for the prepare stage: reading containers (readers) and quality filters (filters)."""
