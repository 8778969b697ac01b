"""Tests of the guidance."""
