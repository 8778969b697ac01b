"""Tests of the persistence."""
