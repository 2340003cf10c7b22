"""The phone around the app: lifecycle states, launcher, connectivity, phones kept across sessions."""
