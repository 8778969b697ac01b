"""Outputs: Markdown and PDF summaries, charts, JSON report, calendar reminder, comparison."""
