"""Website chrome: the site menus, breadcrumbs and page controls before a printed web page's title.

A plan saved or printed from a government website starts with the site's own lines
before the document's title: menu rows (`首页 | 机构 | 新闻 | 政务公开 …`), a breadcrumb
(`当前位置：首页 > 政务公开 > 政策文件`), a font-size switcher (`字号：大 中 小`), page
controls (`打印本页 关闭窗口`, `分享到：微信 微博`), the page's address, the date and time a
browser printed it. The paragraphs and table blocks before the plan's title
(`sections.find_plan_title`; the leading run of blocks when it has none) that hold only
such lines are website chrome: the section tree leaves them out of the preamble, table
recovery skips them, and one `website_chrome` warning names their extent. The page's
information table (`索引号`, `发布机构`, `成文日期`) is the document's own metadata and
never chrome; nothing is removed from the text, so metadata and evidence are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.document import Block, Document, TableBlock
from extractor.models import Warning
from extractor.structure.sections import find_plan_title
from extractor.structure.tables import cell_text, is_blank

WEBSITE_CHROME = "website_chrome"  # warning code

# what separates the items of a menu row or of a row of page controls: spaces (full-width
# too), bars, middle dots, the brackets around a control: `首页 | 机构` / `【打印】【关闭】`
ITEM_SEPARATORS = re.compile(r"[\s\u3000|｜丨·•/【】\[\]（）()]+")

# a breadcrumb's lead: 当前位置： / 您现在的位置： / 您的位置： / 所在位置：
BREADCRUMB_LEAD = re.compile(r"^(?:您?(?:当前|现在)?的?(?:所在)?位置|当前位置)\s*[:：]")
# the steps of a breadcrumb: 首页 > 政务公开 / 首页 ＞ 政策 / 首页 » 信息公开 / 首页 › 通知
BREADCRUMB_STEP = re.compile(r"\s*[>＞»›〉]\s*")
# where a breadcrumb without its lead starts: 首页 > … / 网站首页 » … / 主页 > …
HOME_WORDS = ("首页", "网站首页", "主页", "HOME", "Home")

# a font-size switcher; a line holding one is chrome whatever else it holds
# (`发布时间：… 字号：大 中 小 打印`): 字号：大 中 小 / 【字体：大 中 小】 / 字号 大|中|小
FONT_SWITCHER = re.compile(
    r"(?:字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小](?:\s*[|｜/、]?\s*[大中小]){1,2}"
)

# page controls, a line of nothing else: 打印本页 关闭窗口 / 【打印】【关闭】 / 分享到：微信 微博
# (matched word by word, as normalising glues `打印本页 关闭窗口` into one)
CONTROL_WORDS = (
    "打印本页", "打印正文", "打印此页", "打印", "关闭窗口", "关闭本页", "关闭", "分享到", "分享",
    "加入收藏", "收藏本页", "收藏", "返回顶部", "返回", "保存", "扫一扫", "在手机打开",
    "QQ空间", "QQ", "新浪微博", "腾讯微博", "微信", "微博", "人人网", "豆瓣", "我要纠错", "纠错",
)  # fmt: skip
CONTROL_ROW = re.compile(
    r"^(?:[【\[]?\s*(?:" + "|".join(CONTROL_WORDS) + r")\s*[:：]?\s*[】\]]?[\s|｜/]*)+$"
)

# the page's address: https://www.gov.cn/zhengce/… / www.jiangxi.gov.cn
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# the date and time a browser printed the page, its title after: 2023/3/1 下午3:45 关于…
PRINT_HEADER = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}\s*(?:[上下]午)?\s*\d{1,2}:\d{2}")
# the site's banner: 某某市人民政府门户网站 / 中国政府网
SITE_BANNER = re.compile(r"^\S{0,20}(?:门户网站|政府网)$")

# a menu row holds at least MENU_MIN_ITEMS items of at most MENU_ITEM_MAX_CHARS each, one
# of them a site section (NAV_WORDS) unless the row follows other chrome (a menu's second
# row: 人事信息 财政资金 招标采购 统计数据); a plan's own lines hold sentences and longer names
MENU_MIN_ITEMS = 4
MENU_ITEM_MAX_CHARS = 6
NAV_WORDS = (
    "首页", "网站首页", "主页", "机构设置", "机构职能", "机构", "新闻中心", "新闻动态",
    "新闻", "要闻", "政府信息公开", "政务公开", "信息公开", "政民互动", "互动交流", "互动",
    "网上办事", "办事服务", "政务服务", "办事", "服务", "专题专栏", "专题", "数据开放",
    "政策文件", "政策解读", "政策", "领导信息", "领导", "无障碍", "长者模式", "English",
    "繁体", "简体", "登录", "注册", "搜索", "通知公告", "工作动态",
)  # fmt: skip
NAV_WORD_PATTERN = re.compile("|".join(sorted(NAV_WORDS, key=len, reverse=True)))
# a menu row whose spaces normalising removed (`首页机构新闻政务公开`) is told by its words:
# MENU_MIN_ITEMS site sections or more, covering at least this share of its characters
MENU_WORD_SHARE = 0.6
# what a menu item never holds: sentence punctuation
SENTENCE_PUNCTUATION = re.compile(r"[，。；：:、！？]")


def line_items(line: str) -> list[str]:
    """The items of a line cut at ITEM_SEPARATORS (`首页 | 机构` → `首页`, `机构`)."""
    return [item for item in ITEM_SEPARATORS.split(line.strip()) if item]


def is_breadcrumb(line: str) -> bool:
    """True for a breadcrumb: `当前位置：…`, or steps `首页 > 政务公开 > …` from a home page."""
    text = line.strip()
    if BREADCRUMB_LEAD.match(text):
        return True
    steps = BREADCRUMB_STEP.split(text)
    return len(steps) >= 2 and steps[0] in HOME_WORDS


def is_menu_row(line: str, after_chrome: bool = False) -> bool:
    """True for a row of MENU_MIN_ITEMS or more short items, one a site section (any
    short items when the row follows other chrome); or for site sections glued together,
    covering MENU_WORD_SHARE of the row."""
    items = line_items(line)
    if any(SENTENCE_PUNCTUATION.search(item) for item in items):
        return False
    if len(items) >= MENU_MIN_ITEMS and all(len(item) <= MENU_ITEM_MAX_CHARS for item in items):
        return after_chrome or any(item in NAV_WORDS for item in items)
    text = "".join(items)
    words = NAV_WORD_PATTERN.findall(text)
    return len(words) >= MENU_MIN_ITEMS and sum(map(len, words)) >= MENU_WORD_SHARE * len(text)


def is_chrome_line(line: str, after_chrome: bool = False) -> bool:
    """True for one line of website chrome (a menu row, breadcrumb, font-size switcher,
    page controls, address, browser print header or site banner)."""
    text = line.strip()
    if not text:
        return False
    return (
        is_breadcrumb(text)
        or is_menu_row(text, after_chrome)
        or any(
            pattern.search(text)
            for pattern in (FONT_SWITCHER, CONTROL_ROW, URL_LINE, PRINT_HEADER, SITE_BANNER)
        )
    )


def block_lines(block: Block) -> list[str]:
    """A paragraph's lines, or a table's rows with their cells joined by ` | `."""
    if isinstance(block, TableBlock):
        return [
            " | ".join(cell_text(cell) for cell in row if not is_blank(cell))
            for row in block.rows
            if any(not is_blank(cell) for cell in row)
        ]
    return [line for line in block.text.splitlines() if line.strip()]


def is_chrome_block(block: Block, after_chrome: bool = False) -> bool:
    """True when every line of the block (every row of a table) is website chrome."""
    lines = block_lines(block)
    if not lines:
        return False
    for line in lines:
        if not is_chrome_line(line, after_chrome):
            return False
        after_chrome = True
    return True


def website_chrome(blocks: Sequence[Block]) -> tuple[int, ...]:
    """The indices of the blocks before the plan's title that are website chrome; with no
    title, of the leading run of chrome blocks."""
    title_index = find_plan_title(blocks)
    found: list[int] = []
    after_chrome = False
    for index, block in enumerate(blocks[:title_index]):
        if not block_lines(block):
            continue  # a blank paragraph neither is chrome nor ends a run of it
        if is_chrome_block(block, after_chrome):
            found.append(index)
            after_chrome = True
        elif title_index is None:
            break
        else:
            after_chrome = False
    return tuple(found)


def chrome_warnings(doc: Document, chrome: Sequence[int]) -> list[Warning]:
    """One `website_chrome` warning naming the chrome's extent, evidence from its first
    line to its last (none without chrome)."""
    if not chrome:
        return []
    first, last = doc.blocks[chrome[0]], doc.blocks[chrome[-1]]
    lines = [line for index in chrome for line in block_lines(doc.blocks[index])]
    extent = f"`{lines[0]}`" if len(lines) == 1 else f"from `{lines[0]}` to `{lines[-1]}`"
    count = "1 line" if len(lines) == 1 else f"{len(lines)} lines"
    return [
        Warning(
            code=WEBSITE_CHROME,
            message=f"{count} before the title are website chrome (site menus, breadcrumbs, "
            f"page controls), {extent}: kept out of the sections and tables",
            evidence=doc.evidence(first.start, last.end),
        )
    ]
