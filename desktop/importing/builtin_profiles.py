"""Mappings for the exports of widely used tools, with the column names they write.

Checked against real exports (web analytics, search console, ads, social, email,
SEO and media-monitoring tools); alternatives cover renamed columns. Rates and
averages that cannot be added up (CTR, position, engagement rate) are left out:
the analytics compute rates from the summed counts.
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
        metrics=(("Clicks", "clicks"), ("Impressions", "impressions"))), builtin=True,
        note="Performance > Export > CSV (one file per tab: Queries, Pages, Dates)"),
    Profile("Google Ads: campaign report", ColumnMapping(
        timestamp="Day|Date|Week", content="Campaign|Ad group", fixed_channel="paid search",
        metrics=(("Impr.|Impressions", "impressions"), ("Clicks", "clicks"),
                 ("Cost", "cost"), ("Conversions", "conversions"))), builtin=True),
    Profile("Meta Ads Manager: campaigns", ColumnMapping(
        timestamp="Day|Reporting starts", content="Ad name|Ad set name|Campaign name",
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
        outlet="Source|Source Name|Outlet", author="Influencer|Author", fixed_channel="press",
        metrics=(("Reach", "reach"), ("Engagement|Engagements", "engagements")),
        row_metric="mentions"), builtin=True),
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
