"""Reader-discussion analysis: how the public reacted to an official text.

``parley.discussion.scoring`` scores each comment under the Perspective/Detoxify attribute names
(toxicity, severe_toxicity, insult, threat, identity_attack, profanity) plus conspiracy, and the
stance of each comment toward the official text (agree / disagree / discuss / unrelated).
``parley.discussion.thresholds.DEFAULT_THRESHOLDS`` holds the documented flag thresholds;
``parley.discussion.features`` the cheap lexical features shared by training and inference.
Weights are small JSON/.npy files in ``parley/resources/discussion`` rebuilt by ``training/train_*.py``.
"""
