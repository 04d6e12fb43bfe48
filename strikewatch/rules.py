"""The ids of the rules that set a field, as stored in each field's evidence (`Evidence.rule`).

A `StrEnum`: each member is its string ("date:weekday"), so stored values, exports and
comparisons with rules read back from a store stay plain strings. Resolution, report dates and
extraction branch on these; `Rule(f"date:{kind}")` names a rule from a pattern's kind.
"""

from __future__ import annotations

from enum import StrEnum


class Rule(StrEnum):
    # What made a sentence report an event (detect.Trigger.kind).
    TRIGGER_VERB = "trigger:verb"
    TRIGGER_NOUN = "trigger:noun"
    TRIGGER_AGENT = "trigger:agent"  # a participant noun alone ("protesters")
    TRIGGER_PHRASE = "trigger:phrase"
    TRIGGER_CROWD = "trigger:crowd"  # a crowd filling a public space
    TRIGGER_SUPPORT = "trigger:support"  # arrests, casualties or a turnout, with no trigger

    # Dates stated in the sentence (extract/time.py, one per pattern) ...
    DATE_ANNIVERSARY = "date:anniversary"
    DATE_SINCE = "date:since"
    DATE_MONTH_DAY = "date:month-day"
    DATE_DAY_MONTH = "date:day-month"
    DATE_ISO = "date:iso"
    DATE_NUMERIC = "date:numeric"  # "24/01/2024", "22.08.2024": day first where it can be told
    DATE_WEEKDAY = "date:weekday"
    DATE_RELATIVE_DAY = "date:relative-day"
    DATE_AGO = "date:ago"
    DATE_DAY_OFFSET = "date:day-offset"
    DATE_NARRATIVE_DAY = "date:narrative-day"  # "the next day": from the day the narrative last stated
    DATE_WEEKEND = "date:weekend"
    DATE_WEEK = "date:week"
    DATE_MONTH = "date:month"
    DATE_YEAR_RELATIVE = "date:year-relative"
    DATE_DAY_OF_MONTH = "date:day-of-month"
    DATE_ONGOING = "date:ongoing"
    DATE_PAST_N = "date:past-n"
    DATE_NTH_DAY_OF = "date:nth-day-of"
    DATE_NTH_DAY = "date:nth-day"
    DATE_MONTH_ONLY = "date:month-only"
    DATE_YEAR_ATTRIBUTIVE = "date:year-attributive"
    DATE_YEAR = "date:year"
    DATE_DECADE = "date:decade"  # "in the 1990s"
    DATE_BACKGROUND_CUE = "date:background-cue"  # before the reported events, no date
    DATE_AFTER_DATED_EVENT = "date:after-dated-event"
    DATE_HEADING = "date:heading"  # a day heading above the paragraph ("Monday" on a line of its own)
    # ... and dates carried to the sentence from elsewhere.
    DATE_PUBLICATION = "date:publication"
    DATE_REPORT_STAMP = "date:report-stamp"  # a page's date stamp: when the report was filed, not the event
    DATE_PUBLICATION_MONTH = "date:publication-month"
    DATE_PARAGRAPH_ANCHOR = "date:paragraph-anchor"
    DATE_ARTICLE_ANCHOR = "date:article-anchor"
    DATE_UNRESOLVED_LEAD = "date:unresolved-lead"  # an undated page's first weekday, carried unresolved

    # Places (extract/place.py, extract/__init__.py).
    PLACE_IN_SENTENCE = "place:in-sentence"
    PLACE_REGION_IN_SENTENCE = "place:region-in-sentence"
    PLACE_COUNTRY_IN_SENTENCE = "place:country-in-sentence"
    PLACE_NATIONWIDE = "place:nationwide"
    PLACE_DATELINE = "place:dateline"
    PLACE_NEAREST_EARLIER = "place:nearest-earlier"
    PLACE_FIRST_OF_EARLIER_LIST = "place:first-of-earlier-list"
    PLACE_DOCUMENT_COUNTRY = "place:document-country"
    PLACE_SEAT_OF_GOVERNMENT = "place:seat-of-government"  # "outside parliament": the country's capital
    PLACE_TITLE = "place:title"  # the town of a page's title, for a body that names none
    PLACE_ARTICLE_TOWN = "place:article-town"  # no town before the sentence: the one town the article names later
    SITE_LOCATIVE_NOUN = "site:locative-noun"

    # Crowd sizes (extract/size.py).
    SIZE_QUANTITY_OF_PEOPLE = "size:quantity-of-people"
    SIZE_QUANTITY_OF_PEOPLE_SUBSET = "size:quantity-of-people+subset"  # "5,000 of 7,000 workers"
    SIZE_SHARE_OF = "size:share-of"  # "90 per cent of its 12,000 members": that share of the figure
    SIZE_CROWD_FIGURE = "size:crowd-figure"
    SIZE_QUANTITY_ACTING = "size:quantity-acting"
    SIZE_QUANTITY_IN_EVENT = "size:quantity-in-event"
    SIZE_ELLIPTICAL = "size:elliptical"
    SIZE_CLAIMANT_COUNT = "size:claimant-count"  # "Police said 1,500.": another claimant's count, its own sentence

    # The state's answer (extract/response.py), one per count.
    RESPONSE_ARRESTS = "response:arrests"
    RESPONSE_INJURIES = "response:injuries"
    RESPONSE_DEATHS = "response:deaths"

    # Who and why (extract/actors.py).
    ACTORS_PARTICIPANT_NOUN = "actors:participant-noun"
    ACTORS_ORG_ENTITY = "actors:org-entity"
    ACTORS_DEMAND_PHRASE = "actors:demand-phrase"
    ACTORS_TARGET_AGAINST = "actors:target-against"  # an institution, office holder or named one after "against"
    ACTORS_TARGET_EMPLOYER = "actors:target-employer"  # the strikers' employer ("workers at X")


    # Russian (extract/ru_*.py): dates, one per pattern of ru_time ...
    DATE_RU_NUMERIC = "date:ru-numeric"
    DATE_RU_DAY_MONTH = "date:ru-day-month"  # a year-less day: an undated article's unresolved lead
    DATE_RU_SINCE = "date:ru-since"
    DATE_RU_MONTH = "date:ru-month"
    DATE_RU_WEEKDAY = "date:ru-weekday"
    DATE_RU_RELATIVE = "date:ru-relative"
    DATE_RU_YEAR = "date:ru-year"  # "в 2024 году", "протестов 2020 года": a whole year
    DATE_RU_WEEKEND = "date:ru-weekend"  # "в минувшие выходные": the latest weekend before the report
    DATE_RU_WEEK = "date:ru-week"  # "на прошлой неделе"
    DATE_RU_LAST_MONTH = "date:ru-last-month"  # "в прошлом месяце"
    DATE_RU_LAST_YEAR = "date:ru-last-year"  # "в прошлом году"
    # ... figures and counts (ru_size), places, sites and participants (ru_mentions).
    SIZE_RU_FIGURE = "size:ru-figure"
    RESPONSE_RU_ARRESTS = "response:ru-arrests"
    RESPONSE_RU_INJURIES = "response:ru-injuries"
    RESPONSE_RU_DEATHS = "response:ru-deaths"
    PLACE_ORGANISATION_TOWN = "place:organisation-town"  # a town a workplace is named after
    PLACE_WORKPLACE_EARLIER = "place:workplace-earlier"  # no place in the sentence: the earlier workplace's town
    PLACE_RU_TOWN_ADJECTIVE = "place:ru-town-adjective"  # "хабаровские активисты": the town its adjective names
    PLACE_RU_RESIDENTS = "place:ru-residents"  # "хабаровчане": the town of its residents' noun
    PLACE_RU_TOWN_REGION = "place:ru-town-region"  # "Хабаровский край": the region named after a town
    SITE_RU_NOUN = "site:ru-noun"
    PARTICIPANTS_RU_SUBJECT = "participants:ru-subject"

# Date rules that carry a date from elsewhere (the paragraph, the article, the report) to a sentence.
CARRIED_DATE_RULES = frozenset({Rule.DATE_PUBLICATION, Rule.DATE_REPORT_STAMP, Rule.DATE_PARAGRAPH_ANCHOR,
                                Rule.DATE_ARTICLE_ANCHOR, Rule.DATE_UNRESOLVED_LEAD})
# Spans counted back from the report ("for a third day", "this year", "в прошлом году") and days counted
# from another happening: a day the sentence states beside one is the action's day.
COUNTED_BACK_DATE_RULES = frozenset({Rule.DATE_NTH_DAY, Rule.DATE_ONGOING, Rule.DATE_PAST_N, Rule.DATE_WEEKEND,
                                     Rule.DATE_RU_WEEKEND, Rule.DATE_RU_WEEK, Rule.DATE_RU_LAST_MONTH,
                                     Rule.DATE_RU_LAST_YEAR, Rule.DATE_YEAR_RELATIVE, Rule.DATE_DAY_OFFSET})
# The day of the report itself (its metadata, or the stamp the page prints), not of what it reports.
REPORT_DAY_RULES = frozenset({Rule.DATE_PUBLICATION, Rule.DATE_REPORT_STAMP})
