"""How published reports spell the template's labels in the wild, keyed by enum member.

:mod:`._labels` holds the official wording; this module holds what a reader of real
reports meets instead (spec: formats.md §8): heading variants, shortened or provincial row
labels, the signatures that tell the editions apart, blank markers, units printed in cells,
the words of a report's title, and the names that reveal an organ's level. Parsers read
every Chinese string they match from here or from :mod:`._labels`; none is spelled out in
parser code.

Labels are given as printed; a parser compares them after folding width, dropping white
space and quotes and unifying ``、．.`` (so ``1．``, ``1、`` and ``1.`` are one spelling, and
``“三安全一稳定”`` equals ``"三安全一稳定"`` and ``三安全一稳定``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ._enums import (
    AgencyLevel,
    AppealOutcome,
    Applicant,
    ApplicationRow,
    Edition,
    MoneyUnit,
    ProactiveRow,
    Section,
)

__all__ = [
    "AGENCY_CONNECTORS",
    "AGENCY_LEVEL_SUFFIXES",
    "APPEAL_HEADER_LABELS",
    "APPLICANT_VARIANTS",
    "APPLICATION_HEADER_LABELS",
    "APPLICATION_ROW_VARIANTS",
    "BLANK_MARKERS",
    "CHINESE_DIGITS",
    "COUNT_UNITS",
    "CRAWLER_AGENCY_KEYS",
    "CRAWLER_BODY_MARKERS",
    "CRAWLER_TITLE_KEYS",
    "EDITION_SIGNATURES",
    "GOVERNMENT_OFFICE_SUFFIXES",
    "GOVERNMENT_SUFFIXES",
    "MINISTRY_SUFFIXES",
    "MONEY_UNITS",
    "MUNICIPALITIES",
    "NUMBER_IN_PROSE",
    "ORDINAL_NUMERALS",
    "PAGE_FURNITURE",
    "PLACE_CHARACTERS",
    "PLACE_FALSE_FRIENDS",
    "PORTAL_CHROME",
    "PORTAL_FOOTER",
    "PRE_2019_SIGNALS",
    "PROACTIVE_CAPTION_MISPRINTS",
    "PROACTIVE_HEADER_LABELS",
    "PROACTIVE_ROW_VARIANTS",
    "REPORT_TITLE_MARKERS",
    "REPORT_TITLE_SUFFIXES",
    "SECTION_HEADING_VARIANTS",
    "SECTION_ORDINALS",
    "STATE_COUNCIL_PREFIXES",
    "TABLE3_MARKERS",
    "TRADITIONAL_FORMS",
    "YEAR_SUFFIXES",
]

# --------------------------------------------------------------------------------------
# Section headings
# --------------------------------------------------------------------------------------

#: The ordinal printed before each section heading (一、 … 六、).
SECTION_ORDINALS: Mapping[Section, str] = MappingProxyType(
    {
        Section.OVERVIEW: "一",
        Section.PROACTIVE: "二",
        Section.APPLICATIONS: "三",
        Section.APPEALS: "四",
        Section.PROBLEMS: "五",
        Section.OTHER_MATTERS: "六",
    }
)

#: Heading texts after the ordinal: the template's own first, then what reports print.
SECTION_HEADING_VARIANTS: Mapping[Section, tuple[str, ...]] = MappingProxyType(
    {
        Section.OVERVIEW: (
            "总体情况",
            "概述",
            "总体工作情况",
            "政府信息公开工作总体情况",
            "政务公开工作总体情况",
            "政府信息公开总体情况",
        ),
        Section.PROACTIVE: (
            "主动公开政府信息情况",
            "行政机关主动公开政府信息情况",
            "本年度主动公开政府信息情况",
            "主动公开政务信息情况",
            "主动公开政府信息的情况",
            "主动公开政府信息工作情况",
        ),
        Section.APPLICATIONS: (
            "收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请情况统计表",
            "收到和处理政府信息公开申请的情况",
            "收到和处理政府信息公开的申请情况",
            "行政机关收到和处理信息公开申请情况",
            "行政机关收到和处理政府信息公开申请情况",
        ),
        Section.APPEALS: (
            "政府信息公开行政复议、行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
            "政府信息公开工作行政复议、行政诉讼情况",
            "被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被行政复议、提起行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "政府信息公开行政法复议、行政诉讼情况",
        ),
        Section.PROBLEMS: (
            "存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进情况",
            "政府信息公开工作存在的主要问题及改进措施",
            "信息公开工作存在的主要问题及改进措施",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "存在的主要问题及改进思路",
            "存在主要问题及改进情况",
            "存在问题及改进情况",
            "存在的问题及改进情况",
            "存在的问题及改进措施",
        ),
        Section.OTHER_MATTERS: ("其他需要报告的事项", "其他需要报告事项"),
    }
)

#: What a year may be followed by where a heading or title prints it (2025年, 2025年度).
YEAR_SUFFIXES: tuple[str, ...] = ("年度", "年")

# --------------------------------------------------------------------------------------
# Table 三
# --------------------------------------------------------------------------------------

#: Row labels of table 三 that reports print instead of the official one. The official
#: label (without its ordinal and its parenthetical note) is always tried first.
APPLICATION_ROW_VARIANTS: Mapping[ApplicationRow, tuple[str, ...]] = MappingProxyType(
    {
        ApplicationRow.NEW_RECEIVED: ("本年新收政府信息公开申请", "本年新收申请数量"),
        ApplicationRow.CARRIED_OVER: ("上年结转政府信息公开申请", "上年结转申请数量"),
        ApplicationRow.TOTAL_HANDLED: ("合计",),
        ApplicationRow.CARRIED_FORWARD: (
            "结转下一年度继续办理",
            "结转下年继续办理",
            "结转下年度办理",
        ),
        ApplicationRow.OTHER_HANDLING_CORRECTION_OVERDUE: ("申请人无正当理由逾期不补正",),
        ApplicationRow.OTHER_HANDLING_FEE_UNPAID: ("申请人逾期未按收费通知要求缴纳费用",),
    }
)

#: Applicant column headers of table 三 as printed, official first.
APPLICANT_VARIANTS: Mapping[Applicant, tuple[str, ...]] = MappingProxyType(
    {
        Applicant.NATURAL_PERSON: ("自然人",),
        Applicant.COMMERCIAL_ENTERPRISE: ("商业企业",),
        Applicant.RESEARCH_INSTITUTION: ("科研机构",),
        Applicant.PUBLIC_INTEREST_ORGANIZATION: ("社会公益组织",),
        Applicant.LEGAL_SERVICE_INSTITUTION: ("法律服务机构",),
        Applicant.OTHER: ("其他", "其他组织"),
        Applicant.TOTAL: ("总计", "合计"),
    }
)

#: Other text of table 三's header and stub that is structure, not data.
APPLICATION_HEADER_LABELS: tuple[str, ...] = (
    "申请人情况",
    "法人或其他组织",
    "法人或者其他组织",
    "本列数据的勾稽关系为",
    "第一项加第二项之和",
    "等于第三项加第四项之和",
)

#: Text whose presence shows a table 三 of the 2019/2021 formats (spec §5).
TABLE3_MARKERS: tuple[str, ...] = (
    "本列数据的勾稽关系为",
    "本年新收政府信息公开申请数量",
    "结转下年度继续办理",
    "本年度办理结果",
)

# --------------------------------------------------------------------------------------
# Table 四
# --------------------------------------------------------------------------------------

#: Header text of table 四 (group headers, block headers, outcome headers with variants).
APPEAL_HEADER_LABELS: Mapping[AppealOutcome | str, tuple[str, ...]] = MappingProxyType(
    {
        "review": ("行政复议",),
        "litigation": ("行政诉讼",),
        "direct": ("未经复议直接起诉",),
        "after_review": ("复议后起诉",),
        AppealOutcome.UPHELD: ("结果维持",),
        AppealOutcome.CORRECTED: ("结果纠正",),
        AppealOutcome.OTHER: ("其他结果",),
        AppealOutcome.PENDING: ("尚未审结",),
        AppealOutcome.TOTAL: ("总计", "合计"),
    }
)

# --------------------------------------------------------------------------------------
# Table 二
# --------------------------------------------------------------------------------------

#: Row labels of table 二 as printed in either edition (2019 规范性文件 and 2021
#: 行政规范性文件 both occur in both years; spec §8).
PROACTIVE_ROW_VARIANTS: Mapping[ProactiveRow, tuple[str, ...]] = MappingProxyType(
    {
        ProactiveRow.RULES: ("规章",),
        ProactiveRow.NORMATIVE_DOCUMENTS: ("行政规范性文件", "规范性文件"),
        ProactiveRow.LICENSING: ("行政许可",),
        ProactiveRow.OTHER_SERVICES: ("其他对外管理服务事项",),
        ProactiveRow.PENALTIES: ("行政处罚",),
        ProactiveRow.COERCIVE_MEASURES: ("行政强制",),
        ProactiveRow.FEES: ("行政事业性收费",),
        ProactiveRow.PROCUREMENT: ("政府集中采购",),
    }
)

#: The article the captions of table 二 cite (第二十条第（一）项 …), and the article
#: reports print there in its place: the next article's number, a slip of the
#: keyboard (a caption over the 规章 and 规范性文件 rows reads 第二十一条第（一）项).
PROACTIVE_CAPTION_MISPRINTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"第二十条": ("第二十一条",)}
)

#: Header text of table 二 besides the block captions and column headers of :mod:`._labels`.
PROACTIVE_HEADER_LABELS: tuple[str, ...] = ("信息内容", "单位：万元", "本年增减")

#: Labels that only one edition prints (spec §8, "Format signature"): the column headers
#: of table 二 decide; table 三's split （六） row is a signature of 2021 too.
EDITION_SIGNATURES: Mapping[Edition, tuple[str, ...]] = MappingProxyType(
    {
        Edition.E2019: (
            "本年新制作数量",
            "本年新公开数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "第二十条第（九）项",
            "采购项目数量",
            "采购总金额",
        ),
        Edition.E2021: ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"),
    }
)

#: Signals of a report of the 2008 Regulations (reports for 2008–2018; spec §5).
PRE_2019_SIGNALS: tuple[str, ...] = (
    "概述",
    "收费及减免",
    "依申请公开政府信息情况",
    "政府信息依申请公开办理情况",
    "政府信息公开情况统计表",
    "历年累计",
    "咨询处理情况",
    "举报投诉",
    "回应解读情况",
    "第三十一条",
    "第三十二条",
)

# --------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------

#: Cell texts that mean "blank" (None), never 0 (spec §6.3 S-11).
BLANK_MARKERS: tuple[str, ...] = (
    "/",
    "-",
    "—",
    "——",
    "–",
    "―",
    "－",
    "_",
    "不适用",
    "无",
)

#: Traditional forms of the characters the template's labels are written in, each with
#: its simplified form (OpenCC's TSCharacters table, Apache-2.0, kept to those
#: characters). Mirror sites copy report pages converted to traditional characters
#: (收到和處理政府信息公開申請情況, 規範性文件); their labels are compared as the
#: simplified labels they are, character for character, the text kept as printed.
TRADITIONAL_FORMS: Mapping[str, str] = MappingProxyType(
    dict(
        zip(
            (
                "佈來侷係俬個們備傢內別動務區厤員問單噹國圖埰執報場寀實審對屬幫廢廳強彆後復慶應捲"
                "掃採據數於旂時曆會朮査條業構標機權歷決沒況減瀏為無爲獲現當發眞確碼祕穩穫箇範糾納"
                "級組結統經綜維網緣縣總織繫繳繼續纍罰聯舉華萬處號術補製複規覽計訟訪設許訴詢認請諮"
                "識議護讀費購踰載轉辦迴這連進過適邊鄉錶鎭鎮鏈門閉開間閤關隱隻頁項題額類驗體髮麪麫"
                "麵齣"
            ),
            (
                "布来局系私个们备家内别动务区历员问单当国图采执报场采实审对属帮废厅强别后复庆应卷"
                "扫采据数于旗时历会术查条业构标机权历决没况减浏为无为获现当发真确码秘稳获个范纠纳"
                "级组结统经综维网缘县总织系缴继续累罚联举华万处号术补制复规览计讼访设许诉询认请咨"
                "识议护读费购逾载转办回这连进过适边乡表镇镇链门闭开间合关隐只页项题额类验体发面面"
                "面出"
            ),
            strict=True,
        )
    )
)

#: Units a count cell may carry ("1个", "3件").
COUNT_UNITS: tuple[str, ...] = ("个", "件", "项", "条", "篇", "次", "起", "宗", "家")

#: Units a money cell may carry, longest first ("251000元", "1.2万元").
MONEY_UNITS: Mapping[str, MoneyUnit] = MappingProxyType(
    {"万元": MoneyUnit.TEN_THOUSAND_YUAN, "元": MoneyUnit.YUAN}
)

#: The numerals of ordinals (一、 （三） …) in headings and row labels.
ORDINAL_NUMERALS = "一二三四五六七八九十"

#: What follows a number that belongs to prose, not to a table ("2020年", "5月", "95%").
NUMBER_IN_PROSE: tuple[str, ...] = ("年", "月", "日", "%", "％")

#: Chinese numerals as digits, for years printed as 二〇一九年.
CHINESE_DIGITS: Mapping[str, str] = MappingProxyType(
    {
        "〇": "0",
        "零": "0",
        "一": "1",
        "二": "2",
        "三": "3",
        "四": "4",
        "五": "5",
        "六": "6",
        "七": "7",
        "八": "8",
        "九": "9",
    }
)

# --------------------------------------------------------------------------------------
# Title, agency, page furniture
# --------------------------------------------------------------------------------------

#: What a report's title ends with; the longest that fits is cut off to leave the organ.
REPORT_TITLE_SUFFIXES: tuple[str, ...] = (
    "政府信息公开工作年度报告",
    "政务公开工作年度报告",
    "政府信息公开年度报告",
    "信息公开工作年度报告",
    "信息公开年度报告",
    "政府信息公开年报",
    "工作年度报告",
    "年度报告",
    "年报",
)

#: Words that mark a line as a report's title.
REPORT_TITLE_MARKERS: tuple[str, ...] = ("年度报告", "年报")

#: Words between an organ's name and the year in a title ("XX局关于2019年…").
AGENCY_CONNECTORS: tuple[str, ...] = ("关于",)

#: Header keys of text dumps made by site crawlers ("标题: …", "发布机构: …").
CRAWLER_TITLE_KEYS: tuple[str, ...] = ("标题",)
CRAWLER_AGENCY_KEYS: tuple[str, ...] = ("发布机构",)
#: The line of a crawler dump that opens the page's body ("===== 正文 =====").
CRAWLER_BODY_MARKERS: tuple[str, ...] = ("正文",)

#: Portal text around a report on a web page (navigation, share buttons, downloads).
PORTAL_CHROME: tuple[str, ...] = (
    "当前位置",
    "来源：",
    "时间：",
    "发布时间",
    "发布日期",
    "微信",
    "微博",
    "QQ空间",
    "全真版",
    "文字版",
    "文件下载",
    "相关链接",
    "附件下载",
    "打印本页",
    "关闭窗口",
    "-->",
)

#: What a portal's footer prints after a report: its downloads, share and print buttons,
#: links to other sites, the site's registration and copyright, browser advice. A short
#: line with one of these (or of :data:`PORTAL_CHROME`) after the report's last section
#: begins the footer when the text from there to the end holds two of them or more.
PORTAL_FOOTER: tuple[str, ...] = (
    "扫一扫",
    "二维码",
    "分享到",
    "打印本页",
    "打印此页",
    "关闭窗口",
    "关闭本页",
    "【打印】",
    "【关闭】",
    "友情链接",
    "网站地图",
    "联系我们",
    "使用帮助",
    "隐私保护",
    "网站标识码",
    "ICP备",
    "公安备案",
    "公网安备",
    "版权所有",
    "主办单位",
    "承办单位",
    "技术支持",
    "浏览器",
)

#: Page numbers printed as "第 3 页" (the "- 3 -" form needs no words).
PAGE_FURNITURE: tuple[str, ...] = ("第", "页")

# --------------------------------------------------------------------------------------
# The organ's level, from its name (only where the name makes it clear)
# --------------------------------------------------------------------------------------

#: Name endings per level, tried in this order (more specific first). A bare 市人民政府
#: is taken as a prefecture-level city: county-level cities print the same ending.
AGENCY_LEVEL_SUFFIXES: tuple[tuple[AgencyLevel, tuple[str, ...]], ...] = (
    (
        AgencyLevel.TOWNSHIP,
        (
            "镇人民政府",
            "乡人民政府",
            "镇政府",
            "乡政府",
            "街道办事处",
            "街道办",
            "街道",
        ),
    ),
    (AgencyLevel.PROVINCE, ("省人民政府", "自治区人民政府")),
    (AgencyLevel.COUNTY, ("自治县人民政府", "县人民政府", "区人民政府", "旗人民政府")),
    (
        AgencyLevel.PREFECTURE,
        ("自治州人民政府", "市人民政府", "地区行政公署", "盟行政公署"),
    ),
    (
        AgencyLevel.DEPARTMENT,
        ("办公厅", "办公室", "委员会", "局", "厅", "委", "署", "中心"),
    ),
    (
        AgencyLevel.OTHER,
        ("综合实验区", "实验区", "开发区", "高新区", "管理委员会", "管委会"),
    ),
)

#: The four municipalities directly under the central government (province level).
MUNICIPALITIES: tuple[str, ...] = ("北京市", "天津市", "上海市", "重庆市")

#: What follows a place name in the name of its government (上海市人民政府).
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("人民政府", "政府")

#: The general office of a government (上海市人民政府办公厅). It publishes the report of
#: 本政府机关 — the work done in the name of the government and its office (国办公开办函
#: 〔2019〕60号 二、报告方式及时间) — so the report has the government's level.
GOVERNMENT_OFFICE_SUFFIXES: tuple[str, ...] = ("办公厅", "办公室")

#: How a ministry's name ends (教育部): a State Council department when no place is named.
MINISTRY_SUFFIXES: tuple[str, ...] = ("部",)

#: Names of State Council organs start with these (国务院部门).
STATE_COUNCIL_PREFIXES: tuple[str, ...] = ("国务院", "国家", "中华人民共和国", "中国")

#: Characters of place names: a department whose name has one belongs to a local government.
PLACE_CHARACTERS: tuple[str, ...] = ("省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")

#: Words with a place character that name no place (国家市场监督管理总局, 社区).
PLACE_FALSE_FRIENDS: tuple[str, ...] = ("市场", "社区", "小区", "区域")
