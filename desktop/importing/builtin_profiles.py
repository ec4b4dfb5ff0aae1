"""Mappings for the exports of widely used tools, with the column names they write.

Checked against real exports (web analytics, search console, ads, social, email,
SEO and media-monitoring tools); alternatives cover renamed columns. Rates and
averages (CTR, position, engagement rate) are stored as the catalogue's weighted
metrics, each record weighted by its row's impressions; an index (Google Trends)
as ``interest``, which is never added up. Profiles are recognised by the columns
they name, so a column a tool renames or another account lacks does not matter
as long as the file keeps the columns that make the tool's export what it is.
"""

from __future__ import annotations

from desktop.importing.mapping import ColumnMapping, Profile

BUILTIN_PROFILES: tuple[Profile, ...] = (
    Profile("Google Analytics 4: pages and screens", ColumnMapping(
        timestamp="Date", content="Page title and screen class|Page title and screen name",
        link="Page path and screen class|Page path + query string and screen class|Page path",
        fixed_channel="web",
        metrics=(("Views", "views"), ("Active users|Users|Total users", "users"),
                 ("Average engagement time per active user|Average engagement time",
                  "time_on_page"),
                 ("Key events|Conversions", "conversions"))), builtin=True,
        note="Reports > Engagement > Pages and screens, Share > Download CSV"),
    Profile("Google Analytics 4: events", ColumnMapping(
        timestamp="Date", content="Event name", fixed_channel="web",
        metrics=(("Event count", "events"), ("Total users", "users"))), builtin=True),
    Profile("Google Search Console: performance", ColumnMapping(
        timestamp="Date", content="Top queries|Query|Queries",
        link="Top pages|Page|Pages", fixed_channel="organic search",
        metrics=(("Clicks", "clicks"), ("Impressions", "impressions"), ("CTR", "ctr"),
                 ("Position", "position"))), builtin=True,
        note="Performance > Export > CSV (one file per tab: Queries, Pages, Dates)"),
    Profile("Google Search Console: chart (by date)", ColumnMapping(
        timestamp="Date", fixed_channel="organic search",
        metrics=(("Clicks", "clicks"), ("Impressions", "impressions"), ("CTR", "ctr"),
                 ("Position", "position"))), builtin=True,
        note="The Chart tab: the export's totals, day by day"),
    *(Profile(f"Google Search Console: {label}", ColumnMapping(
        content=column, fixed_channel="organic search", breakdown=breakdown,
        metrics=(("Clicks", "clicks"), ("Impressions", "impressions"), ("CTR", "ctr"),
                 ("Position", "position"))), builtin=True,
        note=f"The {label.split(' ')[0]} tab: the same clicks as the Chart tab, by "
             f"{breakdown}; kept, never added to them again")
      for label, column, breakdown in (
          ("Countries (breakdown)", "Country|Countries", "country"),
          ("Devices (breakdown)", "Device|Devices", "device"),
          ("Search appearance (breakdown)", "Search appearance|Search Appearance",
           "search appearance"))),
    Profile("Google Ads: campaign report", ColumnMapping(
        timestamp="Day|Date|Week", content="Campaign|Ad group", fixed_channel="paid search",
        metrics=(("Impr.|Impressions", "impressions"), ("Clicks", "clicks"),
                 ("Cost", "cost"), ("Conversions", "conversions"))), builtin=True),
    Profile("Meta Ads Manager: campaigns", ColumnMapping(
        timestamp="Day|Reporting starts", until="Reporting ends",
        content="Ad name|Ad set name|Campaign name",
        fixed_channel="paid social",
        metrics=(("Reach", "reach"), ("Impressions", "impressions"),
                 ("Link clicks", "clicks"), ("Leads", "leads"),
                 ("Amount spent (*)", "cost"))), builtin=True),
    Profile("X (Twitter) analytics: tweet activity", ColumnMapping(
        timestamp="time", content="Tweet text", link="Tweet permalink", fixed_channel="x",
        metrics=(("impressions", "impressions"), ("engagements", "engagements"),
                 ("url clicks", "clicks"))), builtin=True),
    Profile("LinkedIn page analytics: all posts", ColumnMapping(
        timestamp="Created date", content="Post title", link="Post link",
        fixed_channel="linkedin",
        metrics=(("Impressions", "impressions"), ("Clicks", "clicks"),
                 ("Likes|Reactions", "engagements"), ("Comments", "engagements"),
                 ("Reposts|Shares", "engagements"))), builtin=True,
        note="Page analytics > Content > Export (the All posts sheet)"),
    Profile("Mailchimp: campaigns", ColumnMapping(
        timestamp="Send Date|Send Time", content="Subject|Subject Line", fixed_channel="email",
        metrics=(("Successful Deliveries|Total Recipients", "reach"),
                 ("Unique Opens", "opens"), ("Unique Clicks", "clicks"),
                 ("Unsubscribes", "unsubscribes"))), builtin=True,
        note="Also fits Klaviyo's campaign export"),
    Profile("Ahrefs: organic keywords", ColumnMapping(
        content="Keyword", link="Current URL|URL", fixed_channel="organic search",
        metrics=(("Current organic traffic|Organic traffic|Traffic", "visits"),)),
        builtin=True),
    Profile("Meltwater: media monitoring", ColumnMapping(
        timestamp="Date", hour="Time", content="Headline|Title", link="URL",
        outlet="Source|Source Name|Outlet", author="Influencer|Author Name|Author Handle|Author",
        fixed_channel="press",
        metrics=(("Reach", "reach"), ("Engagement|Engagements", "engagements")),
        row_metric="mentions"), builtin=True),
    Profile("Meta Business Suite: posts", ColumnMapping(
        timestamp="Publish time", content="Title|Description", link="Permalink",
        fixed_channel="facebook",
        metrics=(("Views|Impressions", "views"), ("Reach", "reach"),
                 ("Reactions, Comments and Shares|Reactions, comments and shares",
                  "engagements"), ("Seconds viewed", "watch_time"))), builtin=True,
        note="Insights > Content > Export data (posts); Date says Lifetime, so the "
             "post's Publish time is its date"),
    Profile("LinkedIn Page: update metrics by day", ColumnMapping(
        timestamp="Date", fixed_channel="linkedin", corrections=True,
        metrics=(("Impressions (total)", "impressions"), ("Clicks (total)", "clicks"),
                 ("Reactions (total)", "engagements"), ("Comments (total)", "engagements"),
                 ("Reposts (total)", "engagements"),
                 ("Engagement rate (total)", "engagement_rate"))), builtin=True,
        note="Page analytics > Updates > Export (the Update metrics sheet); LinkedIn nets "
             "out removed reactions as negative figures"),
    Profile("LinkedIn Page: followers by day", ColumnMapping(
        timestamp="Date", fixed_channel="linkedin",
        metrics=(("Total followers", "followers"),
                 ("Organic followers|Sponsored followers|New followers", "new_followers"))),
        builtin=True),
    Profile("LinkedIn Page: visitors by day", ColumnMapping(
        timestamp="Date", fixed_channel="linkedin",
        metrics=(("Total page views (total)|Total page views", "views"),
                 ("Total unique visitors (total)|Total unique visitors", "users"))),
        builtin=True),
    Profile("YouTube Studio: table data", ColumnMapping(
        timestamp="Video publish time", content="Video title|Content", fixed_channel="youtube",
        metrics=(("Views", "views"), ("Watch time (hours)", "watch_time"),
                 ("Subscribers", "subscribers"), ("Impressions", "impressions"),
                 ("Impressions click-through rate (%)", "ctr")),
        scales=(("watch_time", 3600.0), ("ctr", 0.01))), builtin=True,
        note="Analytics > Advanced mode > Export (Table data.csv); figures are the videos' "
             "own, dated by their publish time"),
    Profile("Google Trends: interest over time", ColumnMapping(
        timestamp="Month|Week|Day|Time|Mois|Semaine|Jour|Monat|Woche|Tag|Mes|Semana|Día|Mese|"
                  "Settimana|Giorno|Maand|Week|Dag",
        fixed_channel="search trends", content_from_header=True,
        metrics=(("*: (*)", "interest"),)), builtin=True,
        note="Explore > Interest over time > Download CSV; an index from 0 to 100, never "
             "added up"),
)

#: Column names (lower case) read as each role when no profile fits.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "timestamp": ("date", "day", "time", "timestamp", "date and time", "datetime", "published",
                  "published at", "send date", "created date", "occurred at", "datum"),
    "hour": ("hour", "hour of day"),
    "channel": ("channel", "kanal", "platform", "network", "medium"),
    "content": ("content", "title", "subject", "headline", "post", "post title", "campaign",
                "page", "name", "titel"),
    "link": ("url", "link", "permalink", "page path"),
    "outlet": ("outlet", "source", "publication", "medium name"),
    "author": ("author", "journalist", "creator", "influencer"),
}
METRIC_SYNONYMS: dict[str, tuple[str, ...]] = {
    "impressions": ("impressions", "impr.", "impressionen"),
    "reach": ("reach", "reichweite", "recipients"),
    "clicks": ("clicks", "klicks", "link clicks"),
    "engagements": ("engagements", "engagement", "interactions", "interaktionen"),
    "opens": ("opens", "unique opens"),
    "leads": ("leads",),
    "conversions": ("conversions", "conversion"),
    "cost": ("cost", "spend", "amount spent", "kosten"),
    "mentions": ("mentions", "erwähnungen"),
    "views": ("views", "page views", "pageviews"),
    "visits": ("visits", "sessions"),
}


def guess_by_names(columns: tuple[str, ...]) -> ColumnMapping | None:
    """A mapping read from plain column names (Date, Channel, Title, Clicks ...)."""
    lowered = {" ".join(c.lower().split()): c for c in columns}
    roles: dict[str, str] = {}
    for role, names in SYNONYMS.items():
        roles[role] = next((lowered[n] for n in names if n in lowered), "")
    taken = set(roles.values())
    metrics = tuple((lowered[n], metric) for metric, names in METRIC_SYNONYMS.items()
                    for n in names if n in lowered and lowered[n] not in taken)
    if not metrics or not (roles["timestamp"] or roles["content"]):
        return None
    return ColumnMapping(timestamp=roles["timestamp"], hour=roles["hour"],
                         channel=roles["channel"], content=roles["content"],
                         link=roles["link"], outlet=roles["outlet"], author=roles["author"],
                         metrics=metrics)
