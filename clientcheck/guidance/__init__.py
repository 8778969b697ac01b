"""Guidance: the words chosen from the engine's result.

Template environment and context, advice, action plan, message drafts, money wording.
"""
