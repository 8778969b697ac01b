"""The question bank: question model, TOML loader and validation, answers, client records."""
