"""One vocabulary for every extractor: the words the plans use, each list in one place."""

from __future__ import annotations

import re

# Tables: total rows and header words
#
# A total row's label, as written: 合计, 合  计, 总计, 总分, 总 分, 小计. A white space may
# stand between the two characters (a centred label padded by the typist). 小计 is a
# subtotal (of one dimension or group); the others total the whole table.
GRAND_TOTAL_WORDS: tuple[str, ...] = ("合计", "总计", "总分")  # 合计, 总 分
SUBTOTAL_WORDS: tuple[str, ...] = ("小计",)  # 小计
# What may follow a total word in its label: 合计分值, 总分数, 总得分 is not one (总得分 is a
# score column); a stated figure in brackets follows in the cell: 总分（100分）
TOTAL_WORD_SUFFIXES: tuple[str, ...] = ("分值", "分数", "得分")  # 合计分值, 合计得分


def spaced(word: str) -> str:
    """A regex for `word` with white space allowed between its characters: 合\\s*计."""
    return r"\s*".join(re.escape(char) for char in word)


# 合计 / 合  计 / 总计 / 总 分 / 小计, as an alternation for other patterns to embed
TOTAL_WORD = "|".join(spaced(word) for word in (*GRAND_TOTAL_WORDS, *SUBTOTAL_WORDS))
# 合计 / 总分 / 总 计 (no 小计): a total of the whole table
GRAND_TOTAL_WORD = "|".join(spaced(word) for word in GRAND_TOTAL_WORDS)
# 分值 / 分数 / 得分 after a total word: 合计分值
TOTAL_SUFFIX = "|".join(TOTAL_WORD_SUFFIXES)

# Header or title words of a scoring table: points (分值, 标准分, 各项分值, 权重分, 得分),
# scoring (评分标准, 扣分, 计分, 赋分)
POINTS_HEADER_WORDS: tuple[str, ...] = (
    "分值",
    "标准分",
    "得分",
    "评分",
    "权重",
    "扣分",
    "分数",
    "计分",
    "赋分",
)
# … and assessment words (考核内容, 考核项目, 考评), which a task table may also carry in a
# column (考核方式 beside 完成时限), so they make a rubric only without a task's columns
ASSESSMENT_HEADER_WORDS: tuple[str, ...] = ("考核", "考评")
POINTS_HEADER_WORD = "|".join(POINTS_HEADER_WORDS)
SCORING_HEADER_WORD = "|".join((*POINTS_HEADER_WORDS, *ASSESSMENT_HEADER_WORDS))
