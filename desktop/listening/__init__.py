"""Social listening for buying signals, handed to the account's own sales rep.

``identifiers`` normalises how a mention names an account; ``matching`` finds the
account with an explanation; ``rules`` are the team's intent rules; ``signals``
raises and folds signals from imported mentions; ``workflow`` is the rep's steps;
``response_times`` the deadlines in business days; ``retention`` the purge;
``mention_import`` brings the listening tools' exports in.
"""
