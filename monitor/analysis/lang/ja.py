"""Japanese (ja): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "ja"
NAME = "Japanese"
SCRIPT = "cjk"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
}
MONTH_SUFFIX = "月"

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "月曜日": 0,
    "火曜日": 1,
    "水曜日": 2,
    "木曜日": 3,
    "金曜日": 4,
    "土曜日": 5,
    "日曜日": 6,
}
# the weekday character of 周一 / （月）: 0 = Monday
WEEKDAY_CHARS: dict[str, int] = {'月': 0, '火': 1, '水': 2, '木': 3, '金': 4, '土': 5, '日': 6}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [],
        "after": [r"から", r"より", r"以降"],
    },
    "deadline": {
        "before": [r"期限(?:は|が|の)?", r"締め切り(?:は)?", r"締切(?:は)?"],
        "after": [r"まで", r"までに"],
    },
    "announced": {
        "before": [],
        "after": [r"発表", r"告知"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"お達し", r"お知らせ", r"発表", r"告知"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "JP": [r"日本"],
    "US": [r"米国", r"アメリカ"],
    "UK": [r"英国", r"イギリス"],
    "DE": [r"ドイツ"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["アマゾン", "amazon"]
MARKETPLACE_TEMPLATES: list[str] = [r"{c}の(?:amazon|アマゾン)",
    r"amazon\s*{c}",
    r"アマゾン{c}"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:パスワード|暗証番号|認証コード|確認コード|カード番号)を(?:送信|返信|お知らせ|教えて)",
    r"(?:以下|下記)のリンクから(?:ログイン|確認|認証|更新)",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    r"高度なセキュリティ設定", r"ログイン時", r"出品時",
    r"ログインとセキュリティ",
    r"アカウント設定",
    r"セキュリティ設定",
    r"出品者情報",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"緊急連絡先", r"緊急時の連絡先",
    ],
    "two_step": [
        r"[2２二]段階認証", r"二要素認証", r"2要素認証", r"多要素認証",
    ],
    "phone": [
        r"電話番号", r"携帯電話", r"携帯番号", r"携帯", r"固定電話", r"電話",
    ],
    "email": [
        r"メールアドレス", r"メール", r"Eメール",
    ],
    "contact_details": [
        r"連絡先情報", r"連絡先",
    ],
    "notif_prefs": [
        r"通知設定",
    ],
    "login_settings": [
        r"ログイン設定",
    ],
    "verify": [
        r"認証", r"確認", r"検証", r"本人確認",
    ],
    "update": [
        r"更新", r"変更",
    ],
    "provide": [
        r"提出", r"提供", r"アップロード", r"入力", r"提示",
    ],
    "otp": [
        r"認証コード", r"ワンタイムパスワード", r"確認コード", r"認証番号", r"セキュリティコード",
    ],
    "sms": [
        r"SMS", r"ショートメッセージ",
    ],
    "link": [
        r"確認リンク", r"認証リンク", r"リンクをクリックして(?:認証|確認)",
    ],
    "call": [
        r"音声通話", r"自動音声",
    ],
    "require": [
        r"必須", r"義務化", r"義務付け", r"求め", r"必要があります", r"必要", r"してください", r"求められ",
    ],
    "event": [
        r"日より", r"日から", r"月から", r"開始", r"発表", r"義務化", r"必須に", r"新た", r"予定", r"以降", r"下旬", r"上旬", r"までに", r"強化",
    ],
    "seller": [
        r"出品者", r"セラー", r"販売事業者", r"セラーセントラル", r"出品",
    ],
    "consequence": [
        r"停止", r"制限", r"ログインできなく", r"届かない可能性",
    ],
    "buyer": [
        r"購入者", r"購入時", r"お客様", r"買い手",
    ],
    "ov_identity": [
        r"本人確認", r"身分証", r"身分証明書", r"パスポート", r"運転免許証", r"顔認証",
    ],
    "ov_video": [
        r"ビデオ通話", r"ビデオ面談", r"動画",
    ],
    "ov_address": [
        r"ハガキ", r"はがき", r"住所",
    ],
    "ov_bank": [
        r"銀行口座", r"クレジットカード",
    ],
    "ov_tax": [
        r"税務", r"税務情報", r"インボイス", r"納税",
    ],
    "ov_kyc": [
        r"KYC", r"INFORM", r"登記簿", r"書類の再提出", r"書類",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"詐欺",
    ],
    "trap_phishing": [
        r"フィッシング", r"詐欺(?:メール|SMS|サイト)", r"なりすまし", r"装った", r"偽の?(?:メール|サイト)",
    ],
    "scam_shape": [
        r"\d{1,2}\s*時間以内", r"以下のリンク", r"リンクをクリック",
    ],
    "trap_troubleshoot": [
        r"届かない", r"受け取れない", r"ログインできない", r"届きません", r"対処法",
    ],
    "trap_optional": [
        r"任意", r"(?:設定|利用|有効化|登録|選択|追加)(?:が|することが)?できるようになりました", r"利用可能になりました", r"おすすめします",
        r"(?:無効|オフ)にでき", r"解除でき",
    ],
    "trap_nonseller": [
        r"アソシエイト", r"アフィリエイト", r"保険会社",
    ],
    "trap_listing": [
        r"商品画像", r"商品説明", r"商品ページ", r"出品ページ",
    ],
    "trap_ban": [
        r"禁止", r"記載しない", r"非表示",
    ],
    "trap_other_topic": [
        r"手数料", r"返品", r"関税", r"プライムデー", r"在庫", r"配送料",
    ],
    "trap_eligibility": [
        r"対象となる", r"条件", r"健全性保証",
    ],
    "help_page": [
        r"(?:設定|変更|登録|対処|解除|やり|確認|追加|使用|利用)方法", r"方法(?:を|について)(?:解説|紹介|説明|まとめ)", r"手順", r"設定方法", r"やり方", r"場合は", r"ログインには", r"よくある質問", r"使い方", r"できます", r"(?:変更|追加|登録)する(?:場合|際|と)", r"この記事では", r"この記事でわかること",
    ],
    "first_person_problem": [
        r"どうすれば", r"教えてください",
    ],
    "notice_email": [
        r"メールが届", r"のメール", r"メールで通知",
    ],
    "comm_channel": [
        r"お問い合わせ",
    ],
    "doubt": [
        r"と思った", r"と思いました", r"本物", r"でしょうか",
    ],
    "reassure": [
        r"本物です", r"正規の",
    ],
    "background": [
        r"以前から", r"昨年", r"これまでも", r"従来どおり", r"従来通り", r"とは別の?",
    ],
    "prompt": [
        r"表示され", r"表示が出", r"求められ", r"メッセージが表示",
    ],
    "login": [
        r"ログイン", r"サインイン",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"これまで", r"従来", r"今まで",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"防止", r"防ぐ", r"対策", r"保護", r"守る",
    ],
    "past_deadline": [
        r"当初",
    ],
}
