"""Tests of the load and proxy tests (start servers)."""
