"""The review commands over extracted plans: diff, compare, report and score.

Every module here works from the JSON that `extract` writes (the `Plan` contract), never
from the source file itself, except `report`, which needs the normalised text to show
where each record's evidence sits.
"""
