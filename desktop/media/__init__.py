"""Media relations and speaking slots.

``contacts``: outlets and the people who write or speak for them, the do-not-contact
mark, and the names in coverage records tied to them. ``pitches``: pitches of board cards
to contacts and the rules before one is sent. ``coverage``: the coverage a pitch earned
and its amplification into marketing's cards. ``materials``: what PR may use, and until
when. ``speaking``: industry events, their calls for papers and the talks submitted.
``media_list``: a media database's CSV export in and out. ``overview``: what the page
shows, and the person's media actions. ``figures``: the business case's figures.
``demo``: the demo team's media relations. No Qt.
"""
