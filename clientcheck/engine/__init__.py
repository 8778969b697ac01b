"""The engine: sign scores, dependency, the verdict ladder, what would change it, money figures."""
