"""What the tests share: sample data, hostile inputs, servers started for a test."""
