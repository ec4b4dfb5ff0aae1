"""Media relations and speaking slots (issue "from who has influence to pitches").

``contacts``: outlets and the people who write or speak for them, with the
do-not-contact mark. ``pitches``: pitches of board cards to contacts and the rules
before one is sent. ``coverage``: the coverage a pitch earned and its amplification
into marketing's cards. ``materials``: what PR may use, and until when.
``speaking``: industry events, their calls for papers and the talks submitted.
``media_list``: a media database's CSV export in and out. No Qt.
"""
