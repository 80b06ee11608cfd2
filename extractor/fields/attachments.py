"""Attachments: the 附件 a plan lists, from its attachments list or its attachment headings.

The list (`附件：1．某县绿色社区创建标准（试行）` / `2．某县绿色社区创建名单`) is what the
plan lists, so it wins, numbers as written even with gaps (`附件：` / `3. 绿色社区创建申报表`);
only a plan without a list gets its attachments from the headings (`附件2：` + its title).
"""

from __future__ import annotations

import re

from extractor.fields import Extracted
from extractor.models import Attachment, Section
from extractor.structure import Structure
from extractor.structure.sections import ListedAttachment, find_attachment_list

# 附件2 → 2; 附件 (a lone attachment) → no number
ATTACHMENT_NUMBER = re.compile(r"附件\s*(?P<number>[0-9]+)?")


def attachment_from_listed(structure: Structure, entry: ListedAttachment) -> Attachment:
    """An attachments-list entry as a contract record, quoting the entry."""
    return Attachment(
        number=entry.number,
        title=entry.title,
        evidence=structure.doc.evidence(entry.start, entry.end),
    )


def attachment_from_section(section: Section) -> Attachment:
    """An attachment heading section (`附件1` + title) as a contract record."""
    m = ATTACHMENT_NUMBER.match(section.number or "")
    number = m.group("number") if m else None
    return Attachment(number=number, title=section.title, evidence=section.evidence)


def merge_attachments(listed: list[Attachment], headed: list[Attachment]) -> list[Attachment]:
    """The listed attachments, plus headed ones whose number the list lacks, in number order.

    A list with gaps is common (`附件：` naming only `3.`) while the body still carries
    `附件2` with its table; a reader of the output expects every attachment the plan has.
    """
    listed_numbers = {a.number for a in listed}
    merged = listed + [a for a in headed if a.number not in listed_numbers]
    return sorted(merged, key=attachment_order)


def attachment_order(attachment: Attachment) -> float:
    """Sort key: by number; unnumbered attachments last (the sort is stable)."""
    number = attachment.number
    return int(number) if number and number.isdigit() else float("inf")


def extract_attachments(structure: Structure) -> Extracted[list[Attachment]]:
    """The plan's attachments: its attachments list, completed from its attachment headings."""
    listed = [attachment_from_listed(structure, e) for e in find_attachment_list(structure.doc)]
    headed = [
        attachment_from_section(s)
        for s in structure.sections
        if s.kind == "attachment" and s.level == 1
    ]
    return Extracted(merge_attachments(listed, headed))
