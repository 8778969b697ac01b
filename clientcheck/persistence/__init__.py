"""Persistence: the answers file with its migrations, and the copy kept on the user's device."""
