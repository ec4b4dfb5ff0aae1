"""Social listening for buying signals, handed to the account's own sales rep.

``identifiers`` normalises how a mention names an account; ``accounts`` keeps the
accounts' identifiers, contacts and opportunities; ``matching`` finds the account with
an explanation; ``rules`` are the team's intent rules; ``signals`` raises and folds
signals from imported mentions and lists the queues; ``workflow`` is the rep's steps;
``response_times`` the deadlines in business days; ``retention`` the purge and
"forget this author"; ``mention_import`` and ``crm_import`` bring the listening tools'
and the CRM's exports in; ``pipeline`` is the business case's figures; ``command`` the
``mentions`` command.
"""
