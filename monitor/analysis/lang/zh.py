"""Chinese (zh): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "zh"
NAME = "Chinese"
SCRIPT = "cjk"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
}
MONTH_SUFFIX = "月"

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "星期一": 0, "周一": 0, "週一": 0, "礼拜一": 0,
    "星期二": 1, "周二": 1, "週二": 1, "礼拜二": 1,
    "星期三": 2, "周三": 2, "週三": 2, "礼拜三": 2,
    "星期四": 3, "周四": 3, "週四": 3, "礼拜四": 3,
    "星期五": 4, "周五": 4, "週五": 4, "礼拜五": 4,
    "星期六": 5, "周六": 5, "週六": 5, "礼拜六": 5,
    "星期日": 6, "星期天": 6, "周日": 6, "週日": 6, "礼拜天": 6,
}
# the weekday character of 周一 / （月）: 0 = Monday
WEEKDAY_CHARS: dict[str, int] = {'一': 0, '二': 1, '三': 2, '四': 3, '五': 4, '六': 5, '日': 6, '天': 6}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"从", r"自", r"于", r"於", r"即日"],
        "after": [r"起", r"开始", r"開始", r"生效", r"上线", r"以来"],
    },
    "deadline": {
        "before": [r"延长至", r"延期至", r"推迟至", r"延至", r"顺延至", r"截止", r"截至", r"须于", r"须在", r"必须在",
            r"(?:截止|最后)(?:日期|时间)(?:为|是)?", r"期限(?:为|是)?"],
        "after": [r"前", r"之前", r"以前", r"为止", r"截止"],
    },
    "announced": {
        "before": [],
        "after": [r"发布", r"公布", r"宣布", r"发出", r"告知", r"消息", r"讯(?=[,，])"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"消息", r"发布", r"公告", r"公布", r"宣布"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "US": [r"美国", r"北美", r"美"],
    "UK": [r"英国", r"英"],
    "DE": [r"德国", r"德"],
    "FR": [r"法国", r"法"],
    "ES": [r"西班牙"],
    "IT": [r"意大利"],
    "JP": [r"日本"],
    "CA": [r"加拿大"],
    "MX": [r"墨西哥"],
    "BR": [r"巴西"],
    "IN": [r"印度"],
    "AU": [r"澳洲", r"澳大利亚"],
    "AE": [r"阿联酋"],
    "SA": [r"沙特"],
    "SG": [r"新加坡"],
    "EU": [r"欧洲"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["站", "区", "亚马逊", "亞馬遜"]
MARKETPLACE_TEMPLATES: list[str] = [r"{c}站",
    r"{c}亚马逊",
    r"亚马逊{c}",
    r"{c}区"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:提供|发送|发给|回复|告知|告诉)(?:我们|客服)?(?:您的|你的)?(?:密码|验证码|银行卡号|登录信息)",
    r"点击(?:以下|下方)链接(?:验证|确认|解封|恢复|登录)",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    # page names only: 账户安全 / 账户信息 ("account security / information") are also prose
    r"登录(?:&|与|和|及)安全", r"账户设置", r"账号设置", r"賬戶設置", r"安全设置", r"安全設置",
    # the back ends and the moment a check prompts
    r"卖家中心", r"商家后台", r"卖家后台", r"站内信", r"登录时",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"紧急联系", r"緊急聯繫", r"緊急聯絡", r"紧急联络", r"紧\?联系人", r"\?急联系人",
    ],
    "two_step": [
        r"两步验证", r"兩步驗證", r"二次验证", r"双重验证", r"二步验证", r"双因素", r"两步认证", r"双重认证", r"多因素",
        # Taiwan and Hong Kong (texts are read in Simplified characters)
        r"两步骤验证", r"二步骤验证", r"两阶段验证", r"二阶段验证", r"双因子",
    ],
    "phone": [
        r"手机号?码?", r"电话号?码?", r"電話號?碼?", r"手機號?碼?", r"座机", r"联系电话", r"门号", r"行动电话",
    ],
    "email": [
        r"邮箱", r"電子?郵件", r"电子邮件", r"邮件地址", r"郵箱", r"电子邮箱", r"电子信箱", r"电邮",
    ],
    "contact_details": [
        r"联系方式", r"联系信息", r"联系人信息", r"聯絡方式", r"联络方式", r"联络资[料讯]", r"联系资料",
    ],
    "notif_prefs": [
        r"通知首选项", r"通知偏好设置", r"通知偏好", r"通知设置",
    ],
    "login_settings": [
        r"登录设置",
    ],
    "verify": [
        r"验证", r"驗證", r"认证", r"認證", r"确认", r"確認", r"核实", r"校验",
    ],
    "update": [
        r"更新", r"修改",
    ],
    "provide": [
        r"完成", r"提交", r"上传", r"提供", r"出示", r"输入",
    ],
    "otp": [
        r"验证码", r"驗證碼", r"一次性密码", r"一次性验证码", r"动态密码", r"短信码",
    ],
    "sms": [
        r"短信", r"简讯",
    ],
    "link": [
        r"验证链接", r"确认链接", r"点击邮件中的链接完成",
    ],
    "call": [
        r"语音电话", r"语音验证",
    ],
    "require": [
        r"必须", r"必需", r"须", r"强制", r"要求", r"需要", r"务必", r"需在", r"应当", r"被迫",
    ],
    "event": [
        r"日起", r"月起", r"开始", r"即日起", r"近期", r"最近", r"新规", r"新政", r"上线", r"宣布", r"将于", r"截止", r"自.{0,12}起", r"生效",
        r"推出", r"陆续", r"新增", r"以来", r"下旬", r"上旬", r"中旬",
    ],
    "seller": [
        r"卖家", r"賣家", r"商家", r"店铺", r"卖家中心", r"后台", r"跨境", r"大卖", r"卖场",
    ],
    "consequence": [
        r"封号", r"停用", r"冻结", r"暂停", r"受限", r"无法(?:登录|登入|提现|使用)", r"下架", r"关闭", r"停权",
    ],
    "buyer": [
        r"买家", r"買家", r"消费者", r"顾客",
    ],
    "ov_identity": [
        r"身份", r"身份证", r"护照", r"人脸识别", r"法人", r"证件", r"身份验证", r"身分證?", r"實名", r"实名", r"護照", r"證件",
    ],
    "ov_video": [
        r"视频验证", r"视频通话", r"视频审核", r"视频认证",
    ],
    "ov_address": [
        r"明信片", r"地址验证", r"经营地址", r"地址",
    ],
    "ov_bank": [
        r"银行账户", r"银行卡", r"信用卡", r"收款账户", r"银行",
    ],
    "ov_tax": [
        r"税务", r"税号", r"增值税", r"税务信息", r"纳税",
    ],
    "ov_kyc": [
        r"KYC", r"INFORM", r"营业执照", r"资质审核", r"消费者法案",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"诈骗", r"骗子", r"欺诈",
    ],
    "trap_phishing": [
        r"钓鱼", r"诈骗(?:短信|邮件|链接)", r"冒充", r"假冒", r"虚假(?:邮件|链接)", r"骗局", r"钓鱼邮件",
    ],
    "scam_shape": [
        r"\d{1,2}\s*小时内", r"点击(?:以下|下方)?链接", r"尊敬的(?:卖家|用户|客户)", r"账户存在异常", r"永久冻结",
    ],
    "trap_troubleshoot": [
        r"收不到", r"没收到", r"未收到", r"接收不到", r"登录不了", r"无法登录", r"找回账户", r"手机丢了",
    ],
    "trap_optional": [
        r"自愿", r"可选", r"自行选择", r"可以(?:自行)?(?:选择)?开启", r"不开启不影响", r"选择性",
        r"关闭(?:两步验证|双重验证|二次验证|该功能|此功能)", r"可以关闭", r"(?:申请|帮您|帮你)关闭",
    ],
    "trap_nonseller": [
        r"联盟", r"推广", r"政府采购", r"亚马逊云", r"保险公司",
    ],
    "trap_listing": [
        r"商品", r"店铺(?:内|中|页面|首页|装修|名称)?", r"listing", r"详情页", r"图片", r"包装", r"说明书", r"描述",
    ],
    "trap_ban": [
        r"禁止", r"严禁", r"不得", r"不允许", r"隐藏",
    ],
    "trap_other_topic": [
        r"费用", r"收费", r"佣金", r"仓储费", r"退货", r"关税", r"会员日", r"库存", r"秒杀", r"黑五", r"销售额", r"低库存", r"品牌备案", r"商标",
    ],
    "trap_eligibility": [
        r"资格", r"条件", r"账户健康保障", r"符合",
    ],
    "help_page": [
        r"如何", r"怎么", r"教程", r"操作步骤", r"步骤", r"指南", r"如需", r"常见问题", r"问[:：]", r"答[:：]", r"登录时需要",
        r"(?:修改|更改|添加|更换).{0,12}时", r"如果您?(?:修改|更改|添加|更换)", r"本文(?:将|为您|为你|就|来)?(?:详细)?(?:介绍|教你|分享)", r"下面将(?:详细)?介绍",
    ],
    "first_person_problem": [
        r"有没有", r"求助", r"我(?:的|也|一直)",
    ],
    "notice_email": [
        r"收到.{0,6}邮件", r"邮件通知", r"发邮件",
    ],
    "comm_channel": [
        r"(?:可|可以)?(?:电话|邮件)(?:或|和)(?:电话|邮件)联系", r"联系(?:客服|我们)",
    ],
    "doubt": [
        r"是不是", r"是钓鱼吗", r"是真的吗", r"以为是", r"还以为", r"是否(?:为|是)",
    ],
    "reassure": [
        r"不是钓鱼", r"是真的", r"官方的", r"确实",
    ],
    "background": [
        r"此前", r"之前曾", r"早在", r"去年", r"照常", r"一如既往", r"不是同一", r"不同于", r"有别于", r"并非同一",
    ],
    "prompt": [
        r"弹窗", r"弹出", r"(?:出现|显示|看到|收到)了?.{0,12}提示", r"提示(?:框|卖家|我|验证|要求)", r"要求我", r"让我(?:验证|确认|更新)",
    ],
    "login": [
        r"登录", r"登陆", r"登入",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"此前", r"以前", r"原本", r"原来", r"不再",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"防止", r"防范", r"打击", r"保护", r"杜绝",
    ],
    "past_deadline": [
        r"过后", r"已过", r"原定", r"之前要求",
    ],
}


# Texts read as Chinese are matched in Simplified characters (``monitor.analysis.han``: a Taiwan or
# Hong Kong post meets the same words as a mainland one); a Traditional word above is therefore
# also listed in its Simplified form.
def _folded() -> None:
    from ..han import to_simplified, with_simplified

    g = globals()
    for name in ("ANNOUNCE_WORDS", "MARKETPLACE_ANCHORS", "MARKETPLACE_TEMPLATES", "SETTINGS_PAGES",
                 "PHISHING_REQUEST"):
        g[name] = with_simplified(g[name])
    g["CONCEPTS"] = {c: with_simplified(f) for c, f in CONCEPTS.items()}
    g["COUNTRIES"] = {c: with_simplified(f) for c, f in COUNTRIES.items()}
    g["DATE_CUES"] = {r: {s: with_simplified(f) for s, f in sides.items()} for r, sides in DATE_CUES.items()}
    g["WEEKDAYS"] = {**WEEKDAYS, **{to_simplified(k): v for k, v in WEEKDAYS.items()}}


_folded()
