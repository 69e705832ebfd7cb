"""The multilingual vocabulary of the analysis engine, kept as data.

Every *concept* maps a language code to a list of regular-expression fragments (matched
case-insensitively on cleaned, NFKC-normalised text).  Fragments for Latin-script languages are
wrapped in word boundaries automatically; CJK fragments are matched as they are.  Every text is
scanned with every language's fragments (posts mix languages: Chinese articles quote
"Seller Central", German ones say "2FA"), and the language that matched is kept for the reasons.

Nothing here is keyed to a particular text: the words are the ones sellers, marketplaces and the
trade press use for the same things (see shared/POLICY-LANGUAGE.md, "Words for the same things").
"""

from __future__ import annotations

import re
from functools import lru_cache

LATIN_LANGS = ("en", "de", "es", "fr", "it", "pl", "tr", "pt")
CJK_LANGS = ("zh", "ja")
LANGS = LATIN_LANGS + CJK_LANGS

# ---------------------------------------------------------------------------------------------
# Contact channels
# ---------------------------------------------------------------------------------------------
CONCEPTS: dict[str, dict[str, list[str]]] = {
    "emergency_contact": {
        "en": [r"emergency[\s-]+contact\w*", r"ecn", r"emergency (?:phone|email|e-mail|number)"],
        "zh": [r"紧急联系", r"緊急聯繫", r"緊急聯絡", r"紧急联络",
               r"紧\?联系人", r"\?急联系人"],  # one character lost to a repaired GBK mojibake
        "ja": [r"緊急連絡先", r"緊急時の連絡先"],
        "de": [r"notfall[-\s]?kontakt\w*", r"notfallkontaktdaten", r"notfall[-\s]?telefonnummer"],
        "es": [r"contactos? de emergencia", r"tel[eé]fono de emergencia"],
        "fr": [r"contacts? d['’]urgence", r"num[ée]ro d['’]urgence"],
    },
    "two_step": {
        "en": [r"two[\s-]*step(?:\s+verification|\s+authentication)?", r"2[\s-]?sv", r"2[\s-]?fa",
               r"two[\s-]*factor(?:\s+authentication)?", r"multi[\s-]*factor(?:\s+authentication)?",
               r"mfa", r"2[\s-]?step"],
        "zh": [r"两步验证", r"兩步驗證", r"二次验证", r"双重验证", r"二步验证", r"双因素", r"两步认证",
               r"双重认证", r"多因素"],
        "ja": [r"[2２二]段階認証", r"二要素認証", r"2要素認証", r"多要素認証"],
        "de": [r"zwei[-\s]?schritt[-\s]?(?:verifizierung|authentifizierung|bestätigung)\w*",
               r"zwei[-\s]?faktor[-\s]?(?:authentifizierung|authentisierung)\w*",
               r"mehr[-\s]?faktor[-\s]?authentifizierung\w*", r"2fa[-\s]?pflicht"],
        "es": [r"verificaci[oó]n en dos pasos", r"autenticaci[oó]n (?:en dos pasos|de dos factores|de doble factor)",
               r"doble factor", r"verificaci[oó]n de dos pasos"],
        "fr": [r"(?:vérification|validation|authentification) (?:en|à) deux (?:étapes|facteurs)",
               r"double authentification", r"authentification forte"],
    },
    "phone": {
        "en": [r"phones?(?:\s+numbers?)?", r"mobile(?:\s+(?:phone|number)s?)", r"cell(?:\s*phone)?(?:\s+numbers?)?",
               r"telephone(?:\s+numbers?)?", r"landlines?", r"ecn"],
        "zh": [r"手机号?码?", r"电话号?码?", r"電話號?碼?", r"手機號?碼?", r"座机", r"联系电话"],
        "ja": [r"電話番号", r"携帯電話", r"携帯番号", r"携帯", r"固定電話", r"電話"],
        "de": [r"telefonnummer\w*", r"handynummer\w*", r"mobilnummer\w*", r"rufnummer\w*", r"festnetz\w*",
               r"telefon", r"handy"],
        "es": [r"n[uú]meros? de (?:tel[eé]fono|celular|m[oó]vil)", r"tel[eé]fonos?", r"celular(?:es)?", r"m[oó]vil"],
        "fr": [r"num[ée]ros? de (?:t[ée]l[ée]phone|portable|mobile)", r"t[ée]l[ée]phone", r"portable"],
    },
    "email": {
        "en": [r"e-?mail(?:\s+address(?:es)?)?", r"mailbox"],
        "zh": [r"邮箱", r"電子?郵件", r"电子邮件", r"邮件地址", r"郵箱", r"电子邮箱"],
        "ja": [r"メールアドレス", r"メール", r"Eメール"],
        "de": [r"e-?mail(?:-?adressen?)?", r"mailadresse"],
        "es": [r"correos?(?: electr[oó]nicos?)?", r"e-?mail", r"direcci[oó]n de correo"],
        "fr": [r"(?:adresse )?e-?mail", r"courriel", r"adresse électronique"],
    },
    "contact_details": {
        "en": [r"contact (?:information|details|info|data|channels?)", r"notification contacts?",
               r"contact(?:s)? on file"],
        "zh": [r"联系方式", r"联系信息", r"联系人信息", r"聯絡方式", r"联络方式"],
        "ja": [r"連絡先情報", r"連絡先"],
        "de": [r"kontaktdaten", r"kontaktinformationen", r"kontaktangaben"],
        "es": [r"datos de contacto", r"informaci[oó]n de contacto"],
        "fr": [r"coordonn[ée]es", r"informations de contact"],
    },
    "notif_prefs": {
        "en": [r"notification (?:preferences|settings|prefs)", r"notification prefs?"],
        "zh": [r"通知首选项", r"通知偏好设置", r"通知偏好", r"通知设置"],
        "ja": [r"通知設定"],
        "de": [r"benachrichtigungseinstellungen", r"benachrichtigungs-?einstellungen"],
        "es": [r"preferencias de notificaci[oó]n"],
        "fr": [r"pr[ée]f[ée]rences de notification"],
    },
    "login_settings": {
        "en": [r"login settings", r"sign-in settings"],
        "zh": [r"登录设置"],
        "ja": [r"ログイン設定"],
        "de": [r"anmeldeeinstellungen"],
        "es": [r"configuraci[oó]n de inicio de sesi[oó]n"],
        "fr": [r"param[eè]tres de connexion"],
    },
    # -----------------------------------------------------------------------------------------
    # Verification acts and codes
    # -----------------------------------------------------------------------------------------
    "verify": {
        "en": [r"verif(?:y|ies|ied|ying|ication)", r"re-?verif\w*", r"confirm(?:s|ed|ing|ation)?",
               r"validat(?:e|es|ed|ing|ion)", r"authenticat(?:e|ed|ion)"],
        "zh": [r"验证", r"驗證", r"认证", r"認證", r"确认", r"確認", r"核实", r"校验"],
        "ja": [r"認証", r"確認", r"検証", r"本人確認"],
        "de": [r"verifi\w*", r"bestätig\w*", r"validier\w*", r"überprüf\w*", r"prüfung"],
        "es": [r"verific\w*", r"confirm\w*", r"validar\w*", r"validaci[oó]n"],
        "fr": [r"v[ée]rifi\w*", r"confirm\w*", r"valid(?:er|ez|ation|é|ée|és|ées|ent)\w*"],
    },
    "update": {
        "en": [r"updat(?:e|ed|ing)", r"review and confirm", r"re-?certif\w*"],
        "zh": [r"更新", r"修改"],
        "ja": [r"更新", r"変更"],
        "de": [r"aktualisier\w*"],
        "es": [r"actualiz\w*"],
        "fr": [r"mett\w* à jour", r"mise à jour"],
    },
    "provide": {
        "en": [r"complet(?:e|es|ed|ing)", r"finish\w*", r"submit\w*", r"provid(?:e|es|ed|ing)", r"upload\w*",
               r"show(?:ing)?", r"re-?submit\w*", r"enter (?:the|a) code"],
        "zh": [r"完成", r"提交", r"上传", r"提供", r"出示", r"输入"],
        "ja": [r"提出", r"提供", r"アップロード", r"入力", r"提示"],
        "de": [r"vorlegen", r"vorzeigen", r"einreichen", r"hochladen", r"angeben", r"eingegeben", r"vervollständig\w*"],
        "es": [r"present\w*", r"subir", r"proporcion\w*", r"complet\w*", r"mostr\w*", r"introducir", r"hacer"],
        "fr": [r"fournir", r"soumettre", r"t[ée]l[ée]charger", r"compl[ée]t\w*", r"pr[ée]sent\w*", r"saisir", r"passer"],
    },
    "otp": {
        "en": [r"otp", r"one[\s-]*time\s+(?:password|passcode|code|pin)s?", r"verification codes?",
               r"security codes?", r"(?:sms|text) codes?", r"\d[\s-]*digit (?:code|pin)", r"passcodes?",
               r"sms-?tan", r"codes? (?:sent|we send|will be sent)", r"(?:a|the|each|that|this) (?:\d-digit )?code"],
        "zh": [r"验证码", r"驗證碼", r"一次性密码", r"一次性验证码", r"动态密码", r"短信码"],
        "ja": [r"認証コード", r"ワンタイムパスワード", r"確認コード", r"認証番号", r"セキュリティコード"],
        "de": [r"bestätigungscode\w*", r"einmalcode\w*", r"einmalpasswort\w*", r"sicherheitscode\w*",
               r"sms-?tan", r"sms-?code\w*", r"verifizierungscode\w*",
               r"(?:einem|einen|den|der) code"],
        "es": [r"c[oó]digos? (?:de verificaci[oó]n|de un solo uso|de seguridad|por sms|sms)",
               r"contrase[ñn]a de un solo uso", r"(?:un|el) c[oó]digo"],
        "fr": [r"codes? (?:de v[ée]rification|à usage unique|de s[ée]curit[ée]|par sms|re[çc]u)",
               r"mot de passe à usage unique", r"(?:un|le) code"],
    },
    "sms": {
        "en": [r"sms", r"text messages?", r"texts?(?= (?:message|with|to))", r"a text\b"],
        "zh": [r"短信"],
        "ja": [r"SMS", r"ショートメッセージ"],
        "de": [r"sms"],
        "es": [r"sms", r"whatsapp", r"mensaje de texto"],
        "fr": [r"sms", r"texto"],
    },
    "link": {
        "en": [r"(?:verification|confirmation) links?", r"link (?:sent|in the email|we send|received)",
               r"click(?:ing)? (?:on )?the link (?:in|sent|we)"],
        "zh": [r"验证链接", r"确认链接", r"点击邮件中的链接完成"],
        "ja": [r"確認リンク", r"認証リンク", r"リンクをクリックして(?:認証|確認)"],
        "de": [r"bestätigungslink\w*", r"verifizierungslink\w*", r"link (?:in der e-?mail|zugeschickt|geschickt)"],
        "es": [r"enlace de (?:verificaci[oó]n|confirmaci[oó]n)", r"enlace (?:enviado|recibido)"],
        "fr": [r"lien de (?:v[ée]rification|confirmation)", r"lien (?:envoy[ée]|re[çc]u)"],
        "it": [r"link (?:di (?:verifica|conferma)|ricevuto|inviato)"],
    },
    "call": {
        "en": [r"voice calls?", r"automated calls?", r"phone calls?"],
        "zh": [r"语音电话", r"语音验证"],
        "ja": [r"音声通話", r"自動音声"],
        "de": [r"sprachanruf\w*", r"automatische[nm]? anruf\w*", r"anruf"],
        "es": [r"llamada(?: de voz| autom[aá]tica)?"],
        "fr": [r"appel (?:vocal|automatique)"],
    },
    # -----------------------------------------------------------------------------------------
    # Requirement, event, seller, consequence
    # -----------------------------------------------------------------------------------------
    "require": {
        "en": [r"must", r"required?", r"requires", r"requirements?", r"mandatory", r"obligatory", r"compulsory",
               r"need to", r"needs to", r"have to", r"has to", r"will be (?:asked|prompted|required)",
               r"asking (?:all |every )?(?:sellers|merchants)", r"asks? (?:all |every |some )?(?:new )?(?:sellers|merchants)", r"now (?:requires|asks|wants)",
               r"making everyone", r"enforc\w*", r"instruct\w*", r"forced to", r"forcing (?:all |every )?(?:sellers|us)"],
        "zh": [r"必须", r"必需", r"须", r"强制", r"要求", r"需要", r"务必", r"需在", r"应当", r"被迫"],
        "ja": [r"必須", r"義務化", r"義務付け", r"求め", r"必要があります", r"必要", r"してください", r"求められ"],
        "de": [r"muss", r"müssen", r"pflicht\w*", r"verpflichtend\w*", r"verlangt", r"fordert", r"erforderlich",
               r"obligatorisch", r"zwingend"],
        "es": [r"obligatori\w*", r"exig\w*", r"deber[aá]n?", r"debe[ns]?", r"tienen que", r"tiene que", r"hay que",
               r"obliga\w*", r"requisito", r"requiere\w*", r"pedir[aá]", r"tienes que",
               r"(?:empezado|comenzado|comenz[oó]|empez[oó]) a (?:pedir|solicitar|exigir)", r"pide[n]? a (?:los|las|todos)", r"solicita[n]? a (?:los|las|todos)"],
        "fr": [r"obligatoire", r"doivent", r"doit", r"devront", r"devra", r"exig\w*", r"impos\w*", r"il faut",
               r"demand\w*"],
    },
    "event": {
        "en": [r"starting", r"beginning", r"as of", r"effective", r"from (?=\w+ \d)", r"will (?:start|begin|require|become|be(?! (?:prompted|asked|sent|taken|shown|able)))",
               r"began", r"started", r"rolling out", r"roll(?:ed|s)? out", r"(?:is|are) now", r"now requir\w*",
               r"new (?:requirement|rule|policy|check|deadline|date)s?", r"announced", r"recently", r"has (?:begun|started)",
               r"quietly started", r"since (?:late|early|the)", r"deadline", r"introduc\w*", r"expand\w*",
               r"late (?:january|february|march|april|may|june|july|august|september|october|november|december)",
               r"(?:in|since) (?:january|february|march|april|june|july|august|september|october|november|december)",
               r"heads up", r"psa", r"make[s]? .{0,30}mandatory", r"going forward",
               r"report(?:s|ed|ing)? (?:being |getting )?(?:prompted|asked|required|forced)", r"being prompted",
               r"since this (?:morning|week)", r"starts? this week"],
        "zh": [r"日起", r"月起", r"开始", r"即日起", r"近期", r"最近", r"新规", r"新政", r"上线", r"宣布", r"将于", r"截止",
               r"自.{0,12}起", r"生效", r"推出", r"陆续", r"新增", r"以来", r"下旬", r"上旬", r"中旬"],
        "ja": [r"日より", r"日から", r"月から", r"開始", r"発表", r"義務化", r"必須に", r"新た", r"予定", r"以降", r"下旬", r"上旬",
               r"までに", r"強化"],
        "de": [r"ab(?= (?:dem|sofort|\d))", r"ab sofort", r"seit", r"künftig", r"neuerdings",
               r"neue[nrs]? (?:pflicht|regel|vorgabe|anforderung|richtlinie|verifizierung|überprüfung|bestätigung|termin|stichtag|frist)\w*", r"führt .{0,20}ein",
               r"einführ\w*", r"angekündigt", r"jetzt", r"ende (?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)",
               r"wird .{0,40}(?:pflicht|verpflichtend)"],
        "es": [r"desde", r"a partir del?", r"comenz\w*",
               r"nuev[ao]s? (?:requisito|regla|norma|pol[ií]tica|obligaci[oó]n|verificaci[oó]n|exigencia|medida|fecha|plazo)\w*", r"ahora", r"anunci\w*", r"introdujo",
               r"a finales de", r"har[aá] obligatori\w*", r"empez\w*"],
        "fr": [r"à partir du", r"depuis", r"dès", r"désormais",
               r"nouv(?:el|elle|eau)s? (?:r[eè]gle|obligation|exigence|politique|v[ée]rification|mesure|date|d[ée]lai|[ée]ch[ée]ance)s?", r"annonc\w*", r"fin (?:janvier|février)", r"en place depuis",
               r"rendra", r"devient", r"entre\w* en vigueur"],
    },
    "seller": {
        "en": [r"sellers?", r"merchants?", r"shop owners?", r"shops?", r"seller central", r"seller cent(?:er|re)",
               r"shop manager", r"selling partners?", r"sell(?:ing)? accounts?", r"seller accounts?", r"agenc(?:y|ies)",
               r"people who sell", r"who (?:sell|publish)", r"retail partners?", r"marketplace partners?", r"sales partners?"],
        "zh": [r"卖家", r"賣家", r"商家", r"店铺", r"卖家中心", r"后台", r"跨境", r"大卖"],
        "ja": [r"出品者", r"セラー", r"販売事業者", r"セラーセントラル", r"出品"],
        "de": [r"verkäufer\w*", r"händler\w*", r"shop-inhaber", r"seller central"],
        "es": [r"vendedor\w*", r"quienes venden", r"seller central", r"que venden", r"para vender"],
        "fr": [r"vendeurs?", r"vendeuses?", r"marchands?", r"seller central", r"pour vendre", r"boutiques?"],
    },
    "consequence": {
        "en": [r"suspen\w*", r"deactivat\w*", r"restrict\w*", r"lock(?:ed)? out", r"on hold", r"held",
               r"won't be able", r"unable to", r"lose access", r"blocked", r"unpublish\w*", r"removed?", r"paused",
               r"may not receive", r"account risk"],
        "zh": [r"封号", r"停用", r"冻结", r"暂停", r"受限", r"无法(?:登录|提现|使用)", r"下架", r"关闭"],
        "ja": [r"停止", r"制限", r"ログインできなく", r"届かない可能性"],
        "de": [r"sperr\w*", r"gesperrt", r"eingeschränkt", r"ausgesperrt", r"deaktivier\w*", r"zurückhalten",
               r"beschränkung\w*"],
        "es": [r"suspend\w*", r"suspensi[oó]n\w*", r"desactivaci[oó]n\w*", r"bloque\w*", r"restricci\w*",
               r"no podr[aá]n", r"dejar de recibir"],
        "fr": [r"suspen\w*", r"désactiv\w*", r"bloqu\w*", r"ne pourront plus", r"n'auront plus accès"],
    },
    "buyer": {
        "en": [r"buyers?", r"shoppers?", r"customers?(?! service)", r"shopping accounts?", r"consumers?",
               r"customer accounts?"],
        "zh": [r"买家", r"買家", r"消费者", r"顾客"],
        "ja": [r"購入者", r"購入時", r"お客様", r"買い手"],
        "de": [r"käufer\w*", r"kunden\w*", r"kundin\w*"],
        "es": [r"compradores?", r"clientes?"],
        "fr": [r"acheteurs?", r"acheteuses?", r"clients?"],
    },
    # -----------------------------------------------------------------------------------------
    # Other verification topics
    # -----------------------------------------------------------------------------------------
    "ov_identity": {
        "en": [r"identity", r"id documents?", r"identity documents?", r"passports?", r"driver'?s licen[cs]e",
               r"selfie", r"face verification", r"live face", r"government[- ]issued id", r"date of birth",
               r"legal representative id", r"photo id", r"\bid\b"],
        "zh": [r"身份", r"身份证", r"护照", r"人脸识别", r"法人", r"证件", r"身份验证", r"身分證?", r"實名", r"实名", r"護照", r"證件"],
        "ja": [r"本人確認", r"身分証", r"身分証明書", r"パスポート", r"運転免許証", r"顔認証"],
        "de": [r"identität\w*", r"ausweis\w*", r"reisepass", r"personalausweis", r"geburtsdatum"],
        "es": [r"identidad", r"documento de identidad", r"pasaporte", r"selfie", r"foto del documento"],
        "fr": [r"identit[ée]", r"pi[eè]ce d'identit[ée]", r"passeport", r"selfie"],
    },
    "ov_video": {
        "en": [r"video call", r"video verification", r"live video"],
        "zh": [r"视频验证", r"视频通话", r"视频审核", r"视频认证"],
        "ja": [r"ビデオ通話", r"ビデオ面談", r"動画"],
        "de": [r"video-?anruf\w*", r"video-?call", r"video-?verifizierung"],
        "es": [r"videollamada", r"video ?llamada"],
        "fr": [r"appel vid[ée]o", r"visioconf[ée]rence"],
    },
    "ov_address": {
        "en": [r"postcards?", r"business address\w*", r"address verification", r"home address", r"registered address",
               r"proof of address"],
        "zh": [r"明信片", r"地址验证", r"经营地址", r"地址"],
        "ja": [r"ハガキ", r"はがき", r"住所"],
        "de": [r"postkarte\w*", r"(?<!mail-)(?<!mail)(?:adressen?|adress(?:verifizierung|bestätigung|prüfung|nachweis|änderung)\w*)(?! (?:de notification|e-?mail|électronique|mail|de courriel|de messagerie))", r"anschrift"],
        "es": [r"postal(?:es)?", r"direcci[oó]n (?:comercial|postal|f[ií]sica)"],
        "fr": [r"carte postale", r"adresse (?:postale|professionnelle)"],
    },
    "ov_bank": {
        "en": [r"bank account\w*", r"bank details", r"credit card", r"micro-?deposit\w*", r"payment method", r"deposit method"],
        "zh": [r"银行账户", r"银行卡", r"信用卡", r"收款账户", r"银行"],
        "ja": [r"銀行口座", r"クレジットカード"],
        "de": [r"bankverbindung\w*", r"bankkonto\w*", r"kreditkarte\w*", r"bankdaten"],
        "es": [r"cuenta bancaria", r"tarjeta de cr[eé]dito", r"datos bancarios"],
        "fr": [r"compte bancaire", r"carte (?:de crédit|bancaire)", r"coordonn[ée]es bancaires"],
    },
    "ov_tax": {
        "en": [r"tax (?:information|interview|id|identification|details|number)\w*", r"dac7", r"w-?9", r"vat",
               r"tin\b", r"tax"],
        "zh": [r"税务", r"税号", r"增值税", r"税务信息", r"纳税"],
        "ja": [r"税務", r"税務情報", r"インボイス", r"納税"],
        "de": [r"steuer\w*", r"umsatzsteuer\w*", r"dac7"],
        "es": [r"fiscal\w*", r"impuestos?", r"nif", r"dac7"],
        "fr": [r"fiscal\w*", r"dac7", r"tva"],
    },
    "ov_kyc": {
        "en": [r"kyc", r"know your customer", r"inform (?:consumers )?act", r"inform consumers", r"business (?:registration|license|licence)\w*",
               r"registration documents?", r"business documents?", r"high-volume sellers?"],
        "zh": [r"KYC", r"INFORM", r"营业执照", r"资质审核", r"消费者法案"],
        "ja": [r"KYC", r"INFORM", r"登記簿", r"書類の再提出", r"書類"],
        "de": [r"kyc", r"inform-?gesetz\w*", r"unternehmensdaten", r"geschäftsdaten", r"handelsregister\w*"],
        "es": [r"kyc", r"ley inform", r"documentaci[oó]n"],
        "fr": [r"kyc", r"loi inform", r"justificatifs?"],
    },
    # -----------------------------------------------------------------------------------------
    # Traps
    # -----------------------------------------------------------------------------------------
    "trap_phishing": {
        "en": [r"phishing", r"scam\w*", r"fraud\w*", r"fake (?:e-?mails?|messages?|notices?|texts?)", r"spoof\w*",
               r"impersonat\w*", r"look-?alike", r"suspicious (?:e-?mails?|messages?|links?)", r"never ask",
               r"real or (?:a )?(?:scam|fake|phishing)", r"legit(?:imate)?\?"],
        "zh": [r"钓鱼", r"诈骗", r"骗子", r"冒充", r"假冒", r"虚假(?:邮件|链接)", r"骗局", r"钓鱼邮件"],
        "ja": [r"フィッシング", r"詐欺", r"なりすまし", r"装った", r"偽の?(?:メール|サイト)"],
        "de": [r"phishing\w*", r"betrüger\w*", r"betrug\w*", r"gefälscht\w*", r"fake-?mails?", r"nachgemacht\w*"],
        "es": [r"estafa\w*", r"fraudulent\w*", r"suplant\w*", r"phishing", r"correos falsos", r"enga[ñn]o\w*"],
        "fr": [r"hame[çc]onnage", r"arnaque\w*", r"frauduleu\w*", r"phishing", r"faux e-?mails?", r"escroquer\w*"],
    },
    "scam_shape": {
        "en": [r"within (?:24|48|72|12|\d{1,2}) hours", r"click (?:the|this) link(?: below)?", r"click here",
               r"dear (?:valued )?(?:seller|customer|user|member|merchant)", r"failure to comply",
               r"permanent(?:ly)? (?:deactivat|suspen|clos)\w*", r"unusual activity"],
        "zh": [r"\d{1,2}\s*小时内", r"点击(?:以下|下方)?链接", r"尊敬的(?:卖家|用户|客户)", r"账户存在异常", r"永久冻结"],
        "ja": [r"\d{1,2}\s*時間以内", r"以下のリンク", r"リンクをクリック"],
        "de": [r"innerhalb von \d{1,2} stunden", r"klicken sie (?:auf den|hier)", r"sehr geehrte[rs]? (?:verkäufer|kunde)"],
        "es": [r"en (?:un plazo de )?\d{1,2} horas", r"haga clic", r"haz clic en el enlace", r"estimado (?:vendedor|cliente)"],
        "fr": [r"sous \d{1,2} heures", r"cliquez (?:ici|sur le lien)", r"cher (?:vendeur|client)"],
    },
    "trap_troubleshoot": {
        "en": [r"(?:not|n't|never|no longer) (?:receiv\w*|get(?:ting)?|arriv\w*)(?: the| my| any| a)? (?:code|otp|sms|text)\w*",
               r"code (?:never|doesn't|does not|isn't|is not|won't) (?:arriv|come|show)\w*",
               r"never arrives?", r"not receiving", r"didn'?t receive", r"haven'?t received", r"lost (?:my|your|the) phone",
               r"locked out", r"can'?t (?:log|sign) ?in", r"cannot (?:log|sign) ?in", r"account recovery",
               r"recover (?:my|your) account", r"no longer have access", r"not getting the",
               r"(?:not|never) (?:arriving|showing up|shows up|coming through|comes through)",
               r"(?:having|have) (?:this|the same) (?:issue|problem)", r"get (?:my|the) account back"],
        "zh": [r"收不到", r"没收到", r"未收到", r"接收不到", r"登录不了", r"无法登录", r"找回账户", r"手机丢了"],
        "ja": [r"届かない", r"受け取れない", r"ログインできない", r"届きません", r"対処法"],
        "de": [r"kommt nicht\b", r"konto zurück", r"kann ich mich nicht", r"erhalte keinen", r"erhalte ich keinen", r"keinen code", r"komme nicht (?:mehr )?in",
               r"nicht (?:mehr )?empfangen"],
        "es": [r"no (?:me )?llega", r"no recibo", r"no he recibido", r"no puedo (?:iniciar sesi[oó]n|entrar)"],
        "fr": [r"ne re[çc]oi[st] (?:pas|plus)", r"n'ai pas re[çc]u", r"impossible de (?:me )?connecter"],
    },
    "trap_optional": {
        "en": [r"optional(?:ly)?", r"opt[\s-]?in", r"can now (?:turn on|enable|add|set up|activate|use|choose)",
               r"you can (?:now )?(?:turn on|enable|choose to)", r"voluntar\w*",
               r"not (?:required|mandatory)", r"available to all"],
        "zh": [r"自愿", r"可选", r"自行选择", r"可以(?:自行)?(?:选择)?开启", r"不开启不影响", r"选择性"],
        "ja": [r"任意", r"できるようになりました", r"利用可能になりました", r"おすすめします"],
        "de": [r"freiwillig\w*", r"optional\w*", r"können (?:jetzt|ab sofort)?\s*(?:freiwillig )?.{0,30}aktivieren",
               r"keine pflicht", r"besteht nicht"],
        "es": [r"opcional\w*", r"de forma voluntaria", r"ya puedes", r"ahora pueden"],
        "fr": [r"facultati\w*", r"optionnel\w*", r"vous pouvez désormais", r"peuvent désormais"],
    },
    "trap_nonseller": {
        "en": [r"associates", r"affiliates?", r"affiliate program\w*", r"partner network", r"partner portal",
               r"developer portal", r"developers?", r"sam\.gov", r"login\.gov", r"government contracts?",
               r"procurement", r"vendor portal", r"supplier portal", r"insurer\w*", r"software partners?",
               r"consultants?", r"kindle direct publishing", r"kdp", r"self-?publish\w*", r"authors",
               r"aws", r"amazon web services", r"root users?", r"(?:aws )?management console", r"cloud accounts?",
               r"partner (?:dashboard|accounts?|programs?|programmes?)", r"shopify partners?", r"app developers?",
               r"dmarc", r"dkim", r"spf", r"bulk senders?", r"sending domains?", r"sender (?:requirements|rules|guidelines)",
               r"amazon flex", r"delivery (?:drivers?|partners?|associates?)", r"drivers"],
        "zh": [r"联盟", r"推广", r"开发者", r"政府采购", r"亚马逊云", r"自出版", r"供应商门户", r"保险公司"],
        "ja": [r"アソシエイト", r"アフィリエイト", r"開発者", r"デベロッパー", r"著者", r"電子書籍", r"サプライヤーポータル", r"保険会社"],
        "de": [r"partnerprogramm\w*", r"affiliate\w*", r"entwickler\w*", r"vergabe\w*", r"autor(?:inn)?en",
               r"lieferantenportal\w*", r"zulieferer\w*", r"versicherung\w*", r"versicherer\w*",
               r"selfpublish\w*", r"kdp"],
        "es": [r"afiliados?", r"programa de afiliados", r"desarrolladores?", r"contrataci[oó]n p[uú]blica", r"autores",
               r"portal de proveedores", r"aseguradoras?",
               r"kdp"],
        "fr": [r"partenaires amazon", r"affiliation", r"d[ée]veloppeurs?", r"march[ée]s publics", r"auteurs", r"kdp",
               r"portail (?:des )?fournisseurs", r"assureurs?"],
    },
    "trap_listing": {
        "en": [r"listings?", r"product (?:detail )?pages?", r"titles?", r"descriptions?", r"photos?", r"images?",
               r"packaging", r"inserts?", r"order details", r"product pages?"],
        "zh": [r"商品", r"listing", r"详情页", r"图片", r"包装", r"说明书", r"描述"],
        "ja": [r"商品画像", r"商品説明", r"商品ページ", r"出品ページ"],
        "de": [r"angebot\w*", r"artikelbeschreibung\w*", r"produktbilder?", r"bilder"],
        "es": [r"publicaciones", r"fotos", r"t[ií]tulos", r"descripciones"],
        "fr": [r"fiches? produits?", r"annonces?", r"images", r"descriptions?"],
    },
    "trap_ban": {
        "en": [r"prohibit\w*", r"ban(?:s|ned|ning)?", r"no more", r"not allowed", r"may not (?:include|contain|display)",
               r"must not (?:include|contain|display)", r"remove listings", r"will remove", r"(?:be|been) (?:removed|suppressed)", r"hide\w*", r"stop showing",
               r"no longer (?:show|display)"],
        "zh": [r"禁止", r"不得", r"不允许", r"隐藏"],
        "ja": [r"禁止", r"記載しない", r"非表示"],
        "de": [r"verbiet\w*", r"verboten", r"untersagt", r"entfernt"],
        "es": [r"prohib\w*", r"no se permite", r"ocult\w*"],
        "fr": [r"interdi\w*", r"il est interdit", r"masqu\w*"],
    },
    "trap_other_topic": {
        "en": [r"fees?", r"fba", r"capacity limits?", r"returns? processing", r"returns?", r"prime day",
               r"tariffs?", r"customs", r"inventory", r"lightning deals?", r"black friday", r"storage",
               r"inbound placement", r"shipping (?:rates|fees|cut-?off)", r"acquir\w*", r"sales up",
               r"brand registry", r"trademarks?"],
        "zh": [r"费用", r"收费", r"佣金", r"仓储费", r"退货", r"关税", r"会员日", r"库存", r"秒杀", r"黑五", r"销售额",
               r"低库存", r"品牌备案", r"商标"],
        "ja": [r"手数料", r"返品", r"関税", r"プライムデー", r"在庫", r"配送料"],
        "de": [r"gebühr\w*", r"rücksend\w*", r"zöll\w*", r"zoll", r"prime day", r"lagerbest\w*", r"blitzangebote?"],
        "es": [r"tarifas?", r"comisi[oó]n\w*", r"devoluci[oó]n\w*", r"aranceles?", r"inventario", r"prime day"],
        "fr": [r"frais", r"retours?", r"droits de douane", r"prime day", r"stocks?", r"tarifs?"],
    },
    "trap_eligibility": {
        "en": [r"eligib\w*", r"qualif\w*", r"to be eligible", r"conditions?", r"criteria", r"account health assurance",
               r"account health protection", r"\baha\b", r"who qualifies"],
        "zh": [r"资格", r"条件", r"账户健康保障", r"符合"],
        "ja": [r"対象となる", r"条件", r"健全性保証"],
        "de": [r"voraussetzung\w*", r"berechtigt", r"kontozustandsgarantie"],
        "es": [r"requisitos? para", r"elegib\w*", r"garant[ií]a de salud de la cuenta"],
        "fr": [r"[ée]ligib\w*", r"conditions? d'accès", r"garantie de sant[ée] du compte"],
    },
    "help_page": {
        "en": [r"how to", r"how do i", r"guide", r"tutorial", r"faq", r"step[- ]by[- ]step", r"to (?:change|add|edit|update) (?:your|the|an?)",
               r"go to settings", r"click edit", r"you can (?:verify|change|add|edit|update|receive|choose)", r"tips?",
               r"walks? (?:you )?through", r"that's it", r"use the .{0,40} page",
               r"(?:is|are) required (?:to|when you) (?:sign|log) ?in", r"at any time", r"we'll ask you",
               r"(?:when|whenever|if) you (?:add|change|edit|update|enter|replace)"],
        "zh": [r"如何", r"怎么", r"教程", r"操作步骤", r"步骤", r"指南", r"如需", r"常见问题", r"问[:：]", r"答[:：]",
               r"登录时需要", r"(?:修改|更改|添加|更换).{0,12}时", r"如果您?(?:修改|更改|添加|更换)"],
        "ja": [r"方法", r"手順", r"設定方法", r"やり方", r"場合は", r"ログインには", r"よくある質問", r"使い方",
               r"できます", r"(?:変更|追加|登録)する(?:場合|際|と)"],
        "de": [r"so ändern", r"anleitung", r"schritt für schritt", r"jederzeit", r"wie sie", r"ändern sie",
               r"für die anmeldung", r"wenn sie .{0,40}(?:ändern|hinzufügen|bearbeiten)"],
        "es": [r"c[oó]mo", r"gu[ií]a", r"paso a paso", r"para cambiar", r"para iniciar sesi[oó]n", r"en cualquier momento",
               r"(?:si|cuando) (?:cambias|añades|agregas|modificas|editas)", r"al (?:cambiar|añadir|agregar|modificar)"],
        "fr": [r"comment", r"guide", r"pour modifier", r"tutoriel", r"pour vous connecter", r"à tout moment",
               r"(?:si|lorsque|quand) vous (?:modifiez|ajoutez|changez|remplacez)"],
    },
    "first_person_problem": {
        "en": [r"anyone (?:else|know|have)", r"has anyone", r"help!?", r"i(?:'ve)? tried", r"any(?:one)? solution"],
        "zh": [r"有没有", r"求助", r"我(?:的|也|一直)"],
        "ja": [r"どうすれば", r"教えてください"],
        "de": [r"hat jemand", r"was tun", r"hilfe"],
        "es": [r"a alguien m[aá]s", r"alguien sabe", r"ayuda"],
        "fr": [r"quelqu'un", r"une solution"],
    },
    # The notice itself arriving by email ("got an email from Amazon") is not an email contact.
    "notice_email": {
        "en": [r"(?:got|received|receiving|receive|sent|sends|sending|send) (?:an |the |this |a )?e-?mails?(?! address)(?: from \w+)?",
               r"e-?mails? (?:from|to sellers|saying|instructing|asking)", r"by e-?mail(?= (?:of|about))",
               r"from an e-?mail", r"notified by e-?mail", r"(?:in|from|via) (?:the|this|that|an?) e-?mail(?![\s-]*address)",
               r"(?:will|would|to) e-?mail (?:all |every )?(?:sellers|merchants|you|them|users|partners)",
               r"(?:came|comes|arrived|arrives|was sent|is sent) (?:by|via) e-?mail"],
        "zh": [r"收到.{0,6}邮件", r"邮件通知", r"发邮件"],
        "ja": [r"メールが届", r"のメール", r"メールで通知"],
        "de": [r"(?:eine|die) (?:e-)?mail (?:von|bekommen)", r"mail von amazon", r"e-?mail bekommen"],
        "es": [r"(?:recibieron|recib[ií]|lleg[oó]) (?:un|el) correo", r"el correo de amazon",
               r"por correo(?: electr[oó]nico)? a (?:sus|los|las|todos)"],
        "fr": [r"des e-?mails aux vendeurs", r"(?:reçu|envoie) (?:un|des) e-?mails?"],
    },
    # "contact us by email or phone": a way to talk, not a channel to verify.
    "comm_channel": {
        "en": [r"(?:contact|call|reach|email)\w* (?:us|them|your \w+(?: \w+)?|support|selling partner support)(?: (?:via|by) (?:e-?mail|phone)(?: or (?:e-?mail|phone))?)?",
               r"(?:via|by) (?:e-?mail|phone) or (?:e-?mail|phone)"],
        "zh": [r"(?:可|可以)?(?:电话|邮件)(?:或|和)(?:电话|邮件)联系", r"联系(?:客服|我们)"],
        "ja": [r"お問い合わせ"],
        "de": [r"per telefon oder e-?mail", r"kontaktieren sie"],
        "es": [r"por tel[eé]fono o correo", r"cont[aá]ct\w+ con"],
        "fr": [r"par t[ée]l[ée]phone ou (?:par )?e-?mail", r"contactez"],
    },
    # Sellers asking whether a real notice is a scam, or saying they first took it for one.
    "doubt": {
        "en": [r"is (?:this|it|that) (?:a |an )?(?:real|legit\w*|genuine|phishing|scam|fake)", r"legit or",
               r"real or", r"thought (?:it was|this was)", r"assumed (?:it|the \w+) was", r"took it for",
               r"suspected (?:it|a)", r"at first", r"i'?m suspicious", r"not sure if (?:it|this)"],
        "zh": [r"是不是", r"是钓鱼吗", r"是真的吗", r"以为是", r"还以为", r"是否(?:为|是)"],
        "ja": [r"と思った", r"と思いました", r"本物", r"でしょうか"],
        "de": [r"ist (?:das|die mail) echt", r"dachte\w*", r"hielten?", r"zunächst für", r"erst für"],
        "es": [r"es real", r"es leg[ií]tim\w*", r"pens[eé]", r"cre[ií] que", r"pensaron"],
        "fr": [r"cru à", r"pensé", r"est-ce (?:un|une|du)", r"d'abord cru"],
    },
    "reassure": {
        "en": [r"it'?s (?:real|legit\w*|genuine)", r"(?:is|was) (?:real|legit\w*|genuine)(?! or)", r"not (?:a )?(?:scam|phishing)",
               r"verified anyway", r"no[t]? phishing", r"legit(?=\s*[.!])", r"confirmed(?=\s*[,.!])",
               r"the real (?:one|notice|request|prompt|message)"],
        "zh": [r"不是钓鱼", r"是真的", r"官方的", r"确实"],
        "ja": [r"本物です", r"正規の"],
        "de": [r"ist echt", r"kein phishing", r"tatsächlich"],
        "es": [r"es real(?!\?)", r"no es phishing", r"es leg[ií]tim\w*(?!\?)"],
        "fr": [r"c'est (?:bien )?réel", r"pas (?:du|de l')?(?:hameçonnage|phishing)"],
    },
    # Context about an earlier, different requirement ("Amazon has previously made 2SV mandatory").
    "background": {
        "en": [r"previously", r"last year", r"in the past", r"earlier this year", r"back in \d{4}", r"has long required",
               r"years ago", r"as (?:usual|before|always)", r"(?:is |are )?separate from", r"not (?:the same as|to be confused with)",
               r"unlike (?:the|last)", r"different from the"],
        "zh": [r"此前", r"之前曾", r"早在", r"去年", r"照常", r"一如既往", r"不是同一", r"不同于", r"有别于", r"并非同一"],
        "ja": [r"以前から", r"昨年", r"これまでも", r"従来どおり", r"従来通り", r"とは別の?"],
        "de": [r"zuvor", r"bereits im vergangenen", r"letztes jahr", r"früher schon", r"wie gewohnt", r"wie bisher", r"wie üblich",
               r"nicht zu verwechseln", r"unabhängig von der"],
        "es": [r"anteriormente", r"el año pasado", r"ya hab[ií]a", r"como siempre", r"como de costumbre", r"distint[ao] de",
               r"no confundir"],
        "fr": [r"auparavant", r"l'an dernier", r"l'année dernière", r"avait déjà", r"comme d'habitude", r"comme auparavant",
               r"distincte? de", r"à ne pas confondre"],
    },
    # The platform showing a seller a request to act ("a pop-up asks me to verify", 弹窗提示): a thread
    # about such a request is about the requirement, even when it is a question or a complaint.
    "prompt": {
        "en": [r"prompt(?:s|ed|ing)?", r"pop[\s-]?ups?", r"pops? up", r"popped up", r"banners?", r"keeps? asking",
               r"(?:wants|asks|asked|asking|forcing|forces|makes) (?:me|us) to", r"verify screen", r"yellow box"],
        "zh": [r"弹窗", r"弹出", r"(?:出现|显示|看到|收到)了?.{0,12}提示", r"提示(?:框|卖家|我|验证|要求)", r"要求我",
               r"让我(?:验证|确认|更新)"],  # not a bare 提示: "温馨提示" / "小编提示" is "a tip"
        "ja": [r"表示され", r"表示が出", r"求められ", r"メッセージが表示"],
        "de": [r"hinweis", r"aufforderung", r"aufgefordert", r"will,? dass ich", r"fordert (?:mich|uns)"],
        "es": [r"aviso", r"me pide", r"nos pide", r"me sale", r"me salta"],
        "fr": [r"me demande", r"nous demande", r"s'affiche", r"message d'alerte"],
    },
    # Signing in: a code problem at sign-in is login troubleshooting.
    "login": {
        "en": [r"log(?:ging|ged)?[\s-]?in(?:to)?", r"sign(?:ing|ed)?[\s-]?in(?:to)?", r"login"],
        "zh": [r"登录", r"登陆", r"登入"],
        "ja": [r"ログイン", r"サインイン"],
        "de": [r"anmeld\w*", r"einlogg\w*", r"login"],
        "es": [r"inici(?:ar|o de) sesi[oó]n", r"iniciar sesion", r"login"],
        "fr": [r"connexion", r"(?:me |se )?connecter", r"login"],
    },
    "past_deadline": {
        "en": [r"came and went", r"passed without", r"original(?:ly)?", r"expired", r"missed"],
        "zh": [r"过后", r"已过", r"原定", r"之前要求"],
        "ja": [r"当初"],
        "de": [r"ursprünglich", r"verstrichen"],
        "es": [r"original\w*", r"venci[oó]"],
        "fr": [r"initialement", r"dépassée?"],
    },
}

# ---------------------------------------------------------------------------------------------
# Further languages: Italian, Polish, Turkish (Latin script, word-bounded), Korean and Arabic
# (matched as they are).  Fewer words than the six main languages: the core concepts, the
# other-verification topics and the commonest traps.  Merged into CONCEPTS below.
# ---------------------------------------------------------------------------------------------
_AR = r"(?<![\u0621-\u064a])"  # Arabic has no \b we can use: not preceded by an Arabic letter
EXTRA_CONCEPTS: dict[str, dict[str, list[str]]] = {
    "emergency_contact": {
        "pt": [r"contatos? de emerg[eê]ncia", r"telefone de emerg[eê]ncia"],
        "it": [r"contatt[oi] di emergenza", r"numero di emergenza"],
        "pl": [r"kontakt\w* awaryjn\w*", r"kontaktu awaryjnego"],
        "tr": [r"acil (?:durum )?(?:iletişim|irtibat)\w*", r"acil durum kişisi\w*"],
        "ko": [r"긴급 ?연락처", r"비상 ?연락처"],
        "ar": [r"جهة (?:ال)?اتصال[^.،\n]{0,20}?(?:ال)?طوارئ", r"رقم الطوارئ"],
    },
    "two_step": {
        "pt": [r"verifica[cç][aã]o em (?:duas etapas|dois passos)", r"autentica[cç][aã]o (?:em duas etapas|de dois fatores|em dois fatores)", r"dupla autentica[cç][aã]o"],
        "it": [r"verifica in due (?:passaggi|fasi|step)", r"autenticazione a due fattori", r"doppia autenticazione"],
        "pl": [r"weryfikacj\w* dwuetapow\w*", r"uwierzytelniani\w* dwuskładnikow\w*", r"logowani\w* dwuetapow\w*"],
        "tr": [r"iki (?:adımlı|aşamalı|faktörlü) (?:kimlik )?doğrulama\w*"],
        "ko": [r"2단계 ?인증", r"이중 ?인증", r"2차 ?인증", r"2중 ?인증"],
        "ar": [r"التحقق بخطوتين", r"المصادقة الثنائية", r"التحقق الثنائي", r"المصادقة (?:متعددة|ثنائية) العوامل"],
    },
    "phone": {
        "pt": [r"n[uú]meros? de (?:telefone|celular)", r"telefones?", r"celular(?:es)?"],
        "it": [r"numer[oi] di (?:telefono|cellulare)", r"telefono", r"cellulare"],
        "pl": [r"numer\w* telefon\w*", r"telefon\w*", r"komórk\w*"],
        "tr": [r"cep telefon\w*", r"telefon numara\w*", r"telefon\w*", r"gsm"],
        "ko": [r"휴대폰", r"휴대전화", r"전화번호", r"핸드폰"],
        "ar": [r"رقم (?:ال)?(?:هاتف|جوال|موبايل)", _AR + r"(?:ال)?هاتف", _AR + r"(?:ال)?جوال", _AR + r"(?:ال)?موبايل",
               _AR + r"(?:ال)?محمول"],
    },
    "email": {
        "pt": [r"endere[cç]o de e-?mail", r"e-?mail"],
        "it": [r"indirizz\w* e-?mail", r"e-?mail", r"posta elettronica"],
        "pl": [r"adres\w* e-?mail", r"e-?mail(?:a|em|u|e|i|om|ami|ach)?", r"poczt\w* elektroniczn\w*"],
        "tr": [r"e-?posta\w*", r"e-?mail(?:ler\w*|ini\w*|in)?"],
        "ko": [r"이메일", r"메일 ?주소", r"전자우편"],
        "ar": [r"البريد (?:ال)?(?:إ|ا)لكتروني", r"الإيميل", r"والإيميل"],
    },
    "contact_details": {
        "pt": [r"dados de contato", r"informa[cç][oõ]es de contato"],
        "it": [r"dati di contatto", r"recapiti", r"informazioni di contatto"],
        "pl": [r"dan\w* kontaktow\w*"],
        "tr": [r"iletişim bilgi\w*"],
        "ko": [r"연락처", r"담당자 ?정보"],
        "ar": [r"معلومات الاتصال", r"بيانات الاتصال"],
    },
    "notif_prefs": {
        "it": [r"preferenze di notifica", r"impostazioni (?:di|delle) notifiche?"],
        "pl": [r"ustawieni\w* powiadomień"],
        "tr": [r"bildirim (?:tercihleri|ayarları)"],
        "ko": [r"알림 ?설정"],
        "ar": [r"تفضيلات الإشعارات", r"إعدادات الإشعارات"],
    },
    "verify": {
        "pt": [r"verifica[cç][aã]o", r"valida[cç][aã]o", r"confirma[cç][aã]o"],
        "it": [r"verific\w*", r"conferm\w*", r"convalid\w*"],
        "pl": [r"weryfik\w*", r"zweryfik\w*", r"potwierdz\w*", r"potwierdź\w*"],
        "tr": [r"doğrula\w*", r"onayla\w*", r"teyit\w*"],
        "ko": [r"인증", r"확인", r"검증"],
        "ar": [r"التحقق", r"تحقق", r"بالتحقق", r"تأكيد", r"توثيق"],
    },
    "otp": {
        "pt": [r"c[oó]digos? de (?:verifica[cç][aã]o|seguran[cç]a|confirma[cç][aã]o)", r"senha de uso [uú]nico", r"(?:um|o) c[oó]digo"],
        "it": [r"codic[ei] (?:di verifica|monouso|otp|via sms|sms|ricevut\w*)", r"password monouso", r"(?:un|il) codice"],
        "pl": [r"kod\w* (?:weryfikacyjn\w*|sms\w*|jednorazow\w*|z sms\w*|z aplikacji)", r"(?:kodem|kod) wysłan\w*"],
        "tr": [r"(?:tek kullanımlık|doğrulama|onay|sms) (?:kodu?|şifre\w*)\w*", r"tek kullanımlık"],
        "ko": [r"인증번호", r"인증 ?코드", r"일회용 ?비밀번호"],
        "ar": [r"رمز (?:التحقق|لمرة واحدة)", r"كلمة (?:مرور|سر) لمرة واحدة", r"عبر رمز"],
    },
    "sms": {
        "it": [r"sms"], "pl": [r"sms\w*"], "tr": [r"sms"],
        "ko": [r"문자"],
        "ar": [r"رسالة نصية", r"رسالة قصيرة", r"رسائل نصية"],
    },
    "require": {
        "pt": [r"obrigat[oó]ri\w*", r"exig\w*", r"dever[aã]o?", r"devem", r"precisam?", r"ter[aã]o? que"],
        "it": [r"obbligatori\w*", r"deve", r"devono", r"dovranno", r"dovrà", r"richied\w*", r"chied\w*", r"è necessario"],
        "pl": [r"obowiązk\w*", r"musi", r"muszą", r"wymaga\w*", r"wymóg", r"należy", r"będzie wymaga\w*"],
        "tr": [r"zorunlu\w*", r"zorunda", r"gerekiyor", r"gerekli", r"istiyor", r"isteyecek", r"istedi", r"mecburi"],
        "ko": [r"의무", r"필수", r"해야", r"하여야", r"요구", r"요청"],
        "ar": [r"إلزامي\w*", r"إجباري\w*", r"اجباري\w*", r"يجب", r"يتعين", r"سيتعين", r"مطالبة", r"تطلب", r"يطلب", r"طلبت", r"ملزم"],
    },
    "event": {
        "pt": [r"a partir de", r"desde", r"passa(?:r[aá])? a", r"nov[ao]s? (?:regra|exig[eê]ncia|obrigatoriedade)\w*", r"anunci\w*"],
        "it": [r"a partire dal", r"dal(?= \d)", r"da oggi", r"nuov[aoie] (?:regol|obblig|requisit|verific)\w*", r"annunciat\w*",
               r"stanno ricevendo", r"entra in vigore", r"introduc\w*"],
        "pl": [r"od(?= (?:dnia )?\d)", r"wprowadz\w*", r"now\w* (?:wymog|wymóg|zasad|obowiąz)\w*", r"ogłosił\w*",
               r"zacznie", r"rozpoczn\w*", r"od teraz"],
        "tr": [r"itibaren", r"itibarıyla", r"başlıyor", r"başladı", r"yeni (?:kural|zorunluluk|düzenleme)\w*", r"duyurdu",
               r"oluyor"],
        "ko": [r"부터", r"시행", r"도입", r"공지", r"새로운", r"의무화"],
        "ar": [r"اعتبار[اًا]*", r"ابتداء[ًا]*", r"بدأت", r"أعلنت", r"منذ", r"بقى"],
    },
    "seller": {
        "pt": [r"vendedor(?:es|as?)?", r"lojistas?"],
        "it": [r"venditor\w*", r"commercianti", r"negozi"],
        "pl": [r"sprzedawc\w*", r"sprzedając\w*", r"kont\w* firmow\w*"],
        "tr": [r"satıcı\w*", r"mağaza\w*"],
        "ko": [r"판매자", r"셀러", r"입점"],
        "ar": [r"البائع\w*", r"بائع\w*", r"لبائعي", r"التجار", r"لوحة البائع"],
    },
    "consequence": {
        "pt": [r"suspens\w*", r"bloquead\w*", r"desativad\w*"],
        "it": [r"sospes\w*", r"bloccat\w*", r"disattivat\w*", r"non riceve\w*", r"smetteranno"],
        "pl": [r"zablokow\w*", r"zawiesz\w*", r"wstrzyma\w*"],
        "tr": [r"askıya\w*", r"engellen\w*", r"kapatıl\w*", r"bekletil\w*", r"yükleyemeyecek"],
        "ko": [r"보류", r"정지", r"제한", r"차단"],
        "ar": [r"تعليق", r"إيقاف", r"تجميد", r"حظر", r"هتتوقف", r"ستتوقف"],
    },
    "buyer": {
        "pt": [r"compradores?", r"clientes"],
        "it": [r"acquirent\w*", r"clienti"],
        "pl": [r"kupując\w*", r"klient\w*"],
        "tr": [r"alıcı\w*", r"müşteri\w*"],
        "ko": [r"구매자", r"고객", r"회원"],
        "ar": [r"المشترين", r"المشتري", r"العملاء", r"المتسوقين"],
    },
    "ov_identity": {
        "it": [r"identità", r"documento d'identità", r"carta d'identità", r"passaporto", r"selfie", r"data di nascita"],
        "pl": [r"tożsamoś\w*", r"dowod\w* osobist\w*", r"paszport\w*"],
        "tr": [r"kimlik (?:kartı|belgesi)\w*", r"nüfus cüzdanı", r"pasaport\w*"],
        "ko": [r"신분증", r"여권"],
        "ar": [r"الهوية", r"جواز السفر", r"بطاقة الهوية"],
    },
    "ov_address": {
        "it": [r"indirizzo (?:aziendale|della sede|postale)", r"cartolin\w*"],
        "pl": [r"adres\w* (?:firmy|siedziby|zamieszkania|działalności)", r"pocztówk\w*"],
        "tr": [r"adres doğrulama", r"işletme adres\w*"],
        "ko": [r"사업장 ?주소", r"주소 ?확인"],
        "ar": [r"عنوان (?:النشاط|الشركة)", r"التحقق من العنوان"],
    },
    "ov_bank": {
        "it": [r"conto bancario", r"coordinate bancarie", r"iban"],
        "pl": [r"kont\w* bankow\w*", r"rachun\w* bankow\w*", r"przelew\w* weryfikacyjn\w*"],
        "tr": [r"banka hesab\w*", r"iban"],
        "ko": [r"통장", r"계좌"],
        "ar": [r"الحساب البنكي", r"الحساب المصرفي", r"آيبان"],
    },
    "ov_tax": {
        "it": [r"codice fiscale", r"partita iva", r"dati fiscali", r"fiscal\w*", r"dac7"],
        "pl": [r"nip", r"podatk\w*", r"podatkow\w*", r"dac7"],
        "tr": [r"vergi\w*"],
        "ko": [r"세금", r"사업자등록번호", r"부가세"],
        "ar": [r"الضريب\w*", r"التسجيل الضريبي"],
    },
    "ov_kyc": {
        "it": [r"visura camerale", r"documenti aziendali", r"kyc"],
        "pl": [r"krs", r"dokument\w* firmow\w*", r"kyc"],
        "tr": [r"imza sirküler\w*", r"ticaret sicil\w*"],
        "ko": [r"사업자 ?등록증", r"서류"],
        "ar": [r"الرخصة التجارية", r"السجل التجاري", r"المستندات"],
    },
    "trap_phishing": {
        "it": [r"truff\w*", r"phishing", r"e-?mail fals\w*"],
        "pl": [r"oszust\w*", r"phishing\w*", r"wyłudz\w*"],
        "tr": [r"dolandırıc\w*", r"oltalama", r"sahte (?:e-?posta|mesaj|sms)\w*"],
        "ko": [r"피싱", r"사기", r"스미싱"],
        "ar": [r"احتيال", r"تصيد", r"رسائل مزيفة"],
    },
    "trap_optional": {
        "it": [r"facoltativ\w*", r"opzional\w*", r"possono (?:ora )?attivare"],
        "pl": [r"opcjonaln\w*", r"dobrowoln\w*"],
        "tr": [r"isteğe bağlı", r"opsiyonel"],
        "ko": [r"선택 ?사항", r"선택적"],
        "ar": [r"اختياري\w*"],
    },
    "trap_other_topic": {
        "it": [r"commission\w*", r"tariff\w*", r"resi", r"spedizion\w*", r"scorte", r"black friday", r"offerte lampo"],
        "pl": [r"prowizj\w*", r"opłat\w*", r"zwrot\w*", r"dostaw\w*"],
        "tr": [r"komisyon\w*", r"ücret\w*", r"iade\w*", r"kargo\w*"],
        "ko": [r"수수료", r"반품", r"배송"],
        "ar": [r"الرسوم", r"العمولة", r"التوصيل", r"الشحن"],
    },
    "help_page": {
        "it": [r"come (?:fare|modificare|cambiare|aggiornare)", r"guida", r"passo dopo passo"],
        "pl": [r"jak (?:zmienić|dodać|zaktualizować)", r"poradnik", r"krok po kroku"],
        "tr": [r"nasıl", r"rehber\w*", r"adım adım"],
        "ko": [r"방법", r"하는 법"],
        "ar": [r"كيفية", r"دليل", r"خطوة بخطوة"],
    },
    "trap_nonseller": {
        "it": [r"affiliazione", r"sviluppatori"],
        "pl": [r"program\w* partnersk\w*", r"deweloper\w*"],
        "tr": [r"satış ortaklığı", r"geliştirici\w*"],
        "ko": [r"제휴", r"개발자"],
        "ar": [r"التسويق بالعمولة", r"المطورين"],
    },
}
for _concept, _by_lang in EXTRA_CONCEPTS.items():
    for _lang, _frags in _by_lang.items():
        CONCEPTS[_concept].setdefault(_lang, []).extend(_frags)

# Strong obligation words (a subset of "require"): an optional feature is not optional when these
# stand next to it.
MANDATORY = re.compile(
    r"must|mandatory|compulsory|have to|has to|obligator\w*|required|requires|必须|必需|强制|務必|务必|必須|義務|pflicht\w*|verpflichtend|müssen|"
    r"obligatoire|doivent|devront|deber[aá]n|exig\w*", re.IGNORECASE)

# The state of being mandatory in the sentence of an effective date ("ab dem 31.10. ist die
# Zwei-Schritt-Verifizierung Pflicht", "2017年10月31日より……必須となります"): whoever has not done it by
# that day is out, so that day is also the deadline.  A plain "must verify" from a day is an action
# that starts then, not a gate ("from March 1 sellers must verify or be suspended").
MANDATORY_FROM = (r"\b(?:mandatory|compulsory|required|obligatory|forced|enforced|"
                  r"pflicht\w*|verpflichtend\w*|obligatoire|obligatori\w*|obbligatori\w*|obowiązkow\w*|zorunlu\w*)\b|"
                  r"必需|强制|強制|必須|義務|의무|필수")

# A date's sentence that points back at the policy the title names, followed by a start verb.
POLICY_ANAPHORA = (r"(?:\b(?:these|the|this|those) (?:new )?(?:polic(?:y|ies)|changes?|rules?|requirements?)|"
                   r"\b(?:diese|die) (?:neuen? )?(?:änderung(?:en)?|regel(?:n|ung(?:en)?)?|pflicht|vorgaben?)|"
                   r"\b(?:estos|estas|los|las) (?:nuev[oa]s )?(?:cambios|reglas|requisitos|pol[ií]ticas)|"
                   r"\b(?:ces|les) (?:nouvelles? )?(?:règles|changements|exigences|politiques)|"
                   r"この(?:変更|規約|ルール|要件)|这些(?:变化|新规|规定|政策)|该(?:规定|政策|新规))"
                   r"(?:\s+[\w-]+){0,4}?\s*(?:go(?:es)?|come|comes|take|takes|will|gelten|treten|entran|entrent|"
                   r"は|将|将于)")

# Platforms: canonical key -> (display name, patterns).  Amazon is the default platform the
# product is about; the others get a note.
PLATFORMS: dict[str, tuple[str, list[str]]] = {
    "amazon": ("Amazon", [r"amazon", r"亚马逊", r"亞馬遜", r"アマゾン", r"아마존", r"أمازون", r"امازون", r"seller central", r"セラーセントラル",
                          r"\bfba\b", r"\becn\b"]),
    "ebay": ("eBay", [r"\bebay\b", r"易贝", r"亿贝"]),
    "etsy": ("Etsy", [r"\betsy\b"]),
    "shopee": ("Shopee", [r"shopee", r"虾皮", r"蝦皮"]),
    "tiktok": ("TikTok Shop", [r"tiktok", r"tik tok", r"抖音"]),
    "walmart": ("Walmart", [r"walmart", r"沃尔玛"]),
    "mercadolibre": ("Mercado Libre", [r"mercado ?libre", r"mercado ?livre", r"美客多"]),
    "temu": ("Temu", [r"\btemu\b"]),
    "aliexpress": ("AliExpress", [r"aliexpress", r"速卖通"]),
    "vinted": ("Vinted", [r"vinted"]),
    "kleinanzeigen": ("Kleinanzeigen", [r"kleinanzeigen"]),
    "otto": ("OTTO", [r"\botto\.de\b", r"\botto market\b", r"\botto partner connect\b", r"\botto-?marktplatz\b"]),
    "zalando": ("Zalando", [r"zalando"]),
    "kaufland": ("Kaufland", [r"kaufland"]),
    "cdiscount": ("Cdiscount", [r"cdiscount"]),
    "allegro": ("Allegro", [r"\ballegro\b"]),
    "rakuten": ("Rakuten", [r"rakuten", r"楽天", r"乐天"]),
    "yahoo_shopping": ("Yahoo! Shopping", [r"yahoo!?\s*(?:ショッピング|shopping)", r"ヤフーショッピング", r"ストアクリエイターpro"]),
    "mercari": ("Mercari", [r"mercari", r"メルカリ"]),
    "lazada": ("Lazada", [r"lazada"]),
    "shopify": ("Shopify", [r"shopify"]),
    "wish": ("Wish", [r"\bwish\.com\b"]),
    "bol": ("bol.com", [r"\bbol\.com\b", r"\b(?-i:Bol)\b", r"\bbol(?= partner)"]),
    "flipkart": ("Flipkart", [r"flipkart"]),
    "coupang": ("Coupang", [r"coupang", r"쿠팡", r"酷澎"]),
    "noon": ("noon", [r"\bnoon\.com\b", r"\bmarketplace noon\b",
                      r"\bnoon(?= (?:seller|sellers|marketplace|will|has|makes|requires|asks|told|is asking))",
                      r"(?<![\u0621-\u064a])[وبل]?نون(?![\u0621-\u064a])"]),
    "trendyol": ("Trendyol", [r"trendyol"]),
    "hepsiburada": ("Hepsiburada", [r"hepsiburada"]),
    "fnac": ("Fnac", [r"\bfnac\b"]),
    "wayfair": ("Wayfair", [r"wayfair"]),
    "newegg": ("Newegg", [r"newegg"]),
    "shein": ("SHEIN", [r"\bshein\b", r"希音"]),
}

# Marketplace (country) cues.  Domain and name forms; EU for "European marketplaces".
MARKETPLACES: list[tuple[str, str]] = [
    ("US", r"amazon\.com(?![.\w])|\bus marketplace|美国站|美区|美国亚马逊|\bu\.s\. sellers|\bus sellers|amazon us\b|amazon\.com\b(?!\.)"),
    ("UK", r"amazon\.co\.uk|\buk marketplace|英国站|amazon uk\b"),
    ("DE", r"amazon\.de\b|德国站|amazon deutschland|amazon germany"),
    ("FR", r"amazon\.fr\b|法国站|amazon france"),
    ("ES", r"amazon\.es\b|西班牙站|amazon españa|amazon spain|en españa"),
    ("IT", r"amazon\.it\b|意大利站|amazon italia"),
    ("JP", r"amazon\.co\.jp|日本站|amazon japan|アマゾンジャパン|amazon\s*jp\b"),
    ("CA", r"amazon\.ca\b|加拿大站|amazon canada"),
    ("MX", r"amazon\.com\.mx|墨西哥站|en méxico|amazon méxico|amazon mexico"),
    ("BR", r"amazon\.com\.br|巴西站"),
    ("IN", r"amazon\.in\b|印度站"),
    ("AU", r"amazon\.com\.au|澳洲站|澳大利亚站"),
    ("AE", r"amazon\.ae\b|阿联酋站"),
    ("SA", r"amazon\.sa\b|沙特站"),
    ("SG", r"amazon\.sg\b|新加坡站"),
    ("EU", r"欧洲站|european marketplaces|eu marketplaces|sellers in the eu|vendeurs de l'ue|\beu sellers|in der eu\b|en europe\b|europ[äe]isch\w* marktpl\w*"),
]

# Country of a URL host (sellercentral.amazon.de -> DE).
HOST_COUNTRY: list[tuple[str, str]] = [
    (r"\.co\.jp$|\.jp$", "JP"), (r"\.co\.uk$|\.uk$", "UK"), (r"\.de$", "DE"), (r"\.fr$", "FR"),
    (r"\.es$", "ES"), (r"\.it$", "IT"), (r"\.ca$", "CA"), (r"\.com\.mx$|\.mx$", "MX"),
    (r"\.com\.br$|\.br$", "BR"), (r"\.in$", "IN"), (r"\.com\.au$|\.au$", "AU"), (r"\.ae$", "AE"),
    (r"sellercentral-europe", "EU"), (r"sellercentral\.amazon\.com$", "US"),
]

# Where in the seller interface: concept -> canonical path.
WHERE_CANONICAL = {
    "notif_prefs": "Seller Central > Settings > Notification Preferences",
    "login_settings": "Seller Central > Settings > Login Settings",
}

# Contact-type order of specificity, used for the story key.
CONTACT_CORE_ORDER = ("emergency_contact", "two_step_verification", "phone", "email", "contact_details")

# Other-verification subtopics (concept -> story subtopic), most specific first.
OV_SUBTOPICS = (("ov_video", "video_call"), ("ov_kyc", "business_data"), ("ov_tax", "tax"),
                ("ov_address", "address"), ("ov_bank", "bank"), ("ov_identity", "identity"))

TRAP_LABELS = {
    "trap_phishing": "phishing or scam wording",
    "trap_troubleshoot": "login / code troubleshooting",
    "trap_optional": "optional feature wording",
    "trap_nonseller": "portal that is not a seller marketplace",
    "trap_eligibility": "programme eligibility condition",
    "trap_other_topic": "announcement on another topic (fees, FBA, returns, events, tariffs)",
}


# Word boundaries for Latin-script fragments.  ``\w`` would also count CJK characters as word
# characters, so "Seller Central的" or "eBay强制" would never match; only Latin letters, digits and
# the underscore glue a fragment to its neighbours.
_LATIN_W = r"0-9A-Za-z_\u00c0-\u024f"
# Case-sensitive on purpose (``(?-i:``): the class lists both cases, and an IGNORECASE class test
# costs a case fold at every position scanned.
LB = rf"(?-i:(?<![{_LATIN_W}]))"
RB = rf"(?-i:(?![{_LATIN_W}]))"


def _first_chars(pattern: str) -> set[str] | None:
    r"""The characters a match of ``pattern`` can start with, as character-class items, or None
    when that cannot be said cheaply (a leading ``\w``, ``.``, a negated class...).  Used to put a
    ``(?=[...])`` in front of long alternations so the scanner skips most positions with one test
    instead of trying every branch (Python's ``re`` does no such prefilter for these patterns)."""
    try:
        from re import _constants as C, _parser as P  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]
    try:
        tree = P.parse(pattern, re.IGNORECASE)
    except re.error:
        return None

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            f, nullable = one(op, av)
            if f is None:
                return None, False
            out |= f
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str] | None, bool]:
        if op is C.LITERAL:
            ch = chr(av)
            return {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}, False
        if op is C.IN:
            parts = set()
            for o, a in av:
                if o is C.LITERAL:
                    ch = chr(a)
                    parts |= {re.escape(ch), re.escape(ch.lower()), re.escape(ch.upper())}
                elif o is C.RANGE:
                    lo, hi = chr(a[0]), chr(a[1])
                    parts.add(re.escape(lo) + "-" + re.escape(hi))
                    for f in (str.lower, str.upper):
                        if len(f(lo)) == 1 and len(f(hi)) == 1 and f(lo) <= f(hi):
                            parts.add(re.escape(f(lo)) + "-" + re.escape(f(hi)))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    parts.add(r"\d")
                else:
                    return None, False
            return parts, False
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq(alt)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            return out, nullable
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            lo, _hi, sub = av
            f, n = seq(sub)
            return f, (lo == 0 or n)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return set(), True  # zero width
        return None, False

    chars, nullable = seq(tree)
    if chars is None or nullable or not chars:
        return None
    return chars


def _guard(alternation: str) -> str:
    """``alternation`` preceded by a lookahead on its possible first characters, when known."""
    chars = _first_chars(alternation)
    if not chars:
        return alternation
    # both cases are listed, so the class itself is tested case-sensitively (cheaper)
    return "(?-i:(?=[" + "".join(sorted(chars)) + "]))(?:" + alternation + ")"


def concept_regex_source(concept: str) -> str:
    """One alternation per concept, a named group per language (``en``; ``zh_x`` for the bare
    CJK fragments of a language that also has bounded ones).

    Latin (and ASCII) fragments share *one* pair of boundary checks, so a position inside a word
    is rejected by a single look-behind instead of once per language; the bare CJK fragments come
    after them (at one position only one of the two families can match: they start with
    different scripts).
    """
    bounded_parts, bare_parts = [], []
    for lang, frags in CONCEPTS[concept].items():
        bounded = [f for f in frags if lang in LATIN_LANGS or f.isascii()]
        bare = [f for f in frags if f not in bounded]
        if bounded:
            bounded_parts.append(f"(?P<{lang}>{'|'.join(bounded)})")
        if bare:
            name = lang if not bounded else f"{lang}_x"
            bare_parts.append(f"(?P<{name}>{'|'.join(bare)})")
    parts = []
    if bounded_parts:
        parts.append(LB + _guard("|".join(bounded_parts)) + RB)
    if bare_parts:
        parts.append(_guard("|".join(bare_parts)))
    return "|".join(parts)


@lru_cache(maxsize=None)
def concept_regex(concept: str) -> re.Pattern[str]:
    """One compiled alternation per concept with a named group per language."""
    return re.compile(concept_regex_source(concept), re.IGNORECASE)


def group_lang(name: str | None) -> str:
    """The language of a concept match's group name (``zh_x`` -> ``zh``)."""
    return (name or "").split("_", 1)[0]


def _latin_bounds(pattern: str) -> str:
    r"""``\b`` at the start of an alternative -> LB, elsewhere -> RB (see LB/RB)."""
    pattern = re.sub(r"(^|\|)\\b", lambda m: m.group(1) + LB, pattern)
    return pattern.replace("\\b", RB)


@lru_cache(maxsize=None)
def platform_regex() -> re.Pattern[str]:
    parts = [f"(?P<{key}>{'|'.join(_latin_bounds(p) for p in pats)})" for key, (_, pats) in PLATFORMS.items()]
    return re.compile(_guard("|".join(parts)), re.IGNORECASE)


@lru_cache(maxsize=None)
def marketplace_regex() -> re.Pattern[str]:
    return re.compile(_guard("|".join(f"(?P<{cc}>{_latin_bounds(pat)})" for cc, pat in MARKETPLACES)), re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Date roles: a date belongs to a policy only when the words around it say how.  "before" is
# matched at the end of the ~45 characters before the date, "after" at the start of the ~16
# characters after it.
# ---------------------------------------------------------------------------------------------
DATE_CUES: dict[str, dict[str, str]] = {
    "effective": {
        "before": r"(?:(?:starting|beginning|from|effective)?\s*(?:as early as|as soon as|no earlier than)|"
                  r"(?:go(?:es)?|went|will go|come(?:s)?|came) into (?:effect|force)(?: on)?|will take effect(?: on)?|"
                  r"starting|beginning|begins?|from|as of|effective|since|began|started|start(?:s|ed)?|"
                  r"rolled out|live since|commencing|introduced|takes effect|take effect|took effect|went live|open(?:ed|s) on|"
                  r"ab(?: dem)?|seit(?: dem)?|vom|beginnend|gilt|desde(?: el)?|a partir del?|comenz[oó](?: el)?|"
                  r"entra en vigor(?: el)?|à partir du|depuis le|dès le|dès|le|entr\w+ en vigueur le|"
                  r"(?:began|started|starts?|begins?|went live|goes live|took effect|rolled out|kicked off|launched)\s+on|"
                  r"(?:rolling|roll(?:s|ed)?) out on|"
                  r"(?:startete|begann|gestartet) am|a (?:commencé|débuté) le|"
                  r"between|dal|dall'|a partire dal|a decorrere dal|od(?: dnia)?|"
                  r"اعتبار[اًا]* من|ابتداء[ًا]* من|منذ|من|"
                  r"从|自|于|於|即日|on)\W{0,3}$",
        "after": r"^\W{0,2}(?:起|开始|開始|生效|上线|以来|から|より|以降|onwards|on\b|and (?:applies|runs)|"
                 r"(?:it )?(?:began|started|took effect)|부터|이후|'?\w{0,4} itibaren|itibar[ıi]yla)",
    },
    "deadline": {
        "before": r"(?:by|before|no later than|deadline(?:(?:\s+[\w-]+){0,3}?\s+(?:is|was))?(?: now| of)?|until|(?:is|are) now|"
                  r"stichtag(?: ist| den| am| zum)?(?: der| den)?|(?:als )?stichtag (?:gilt|nennt|ist)(?: der| den)?|"
                  r"(?:plazo\s+)?vence(?: el)?|(?:endet|läuft ab) am|expire le|"
                  r"(?:extended|pushed back|moved|postponed|delayed)(?:\s+[\w-]+){0,3}?\s+(?:to|until)|"
                  r"(?:verlängert|verschoben)(?: bis| auf)(?: zum| den)?|(?:prorrogad|ampliad|extendid|aplazad)[oa] (?:hasta|al)(?: el)?|"
                  r"(?:reporté|repoussé|prolongé)e? (?:au|jusqu'au)|延长至|延期至|推迟至|延至|顺延至|due|have until|has until|by the end of|"
                  r"bis(?: zum| spätestens)?|spätestens(?: bis)?(?: zum)?|frist(?: bis)?|antes del?|hasta el|plazo(?: hasta)?|"
                  r"avant le|d'ici le|au plus tard le|jusqu'au|date limite(?: est| du| au)?|截止|截至|须于|须在|必须在|"
                  r"(?:截止|最后)(?:日期|时间)(?:为|是)?|期限(?:为|是|は|が|の)?|締め切り(?:は)?|締切(?:は)?|"
                  r"frist (?:ist|endet)(?: der| am)?|termin (?:upływa|mija)(?: z dniem)?|entro(?: il)?|do(?: dnia)?|"
                  r"d'ici(?: la| le)?|بحلول|قبل|حتى|آخر ميعاد|موعد أقصاه|기한(?:은|는)?)\W{0,3}$",
        "after": r"^\W{0,2}(?:前|之前|以前|为止|截止|まで|までに|deadline|nachholen|(?:\w+\s+){0,2}(?:stichtag|frist|deadline)|"
                 r"까지|'?\w{0,3} kadar)",
    },
    "announced": {
        "before": r"(?:(?:announced|posted|published|said|came|appeared|sent)(?:\s+\w+){0,3}?\s+on|"
                  r"(?:post|announcement|notice|message|mitteilung|ankündigung|beitrag|nachricht|anuncio|comunicado|"
                  r"annonce|publication|publicaci[oó]n)(?:\s+[\w-]+){0,5}?\s+(?:on|of|dated|vom|am|del|du)|"
                  r"angekündigt am|veröffentlicht am|anunci[oó] el|publicado el|sali[oó] el|annoncé le|publié le|"
                  r"(?:comunic[oó]|inform[oó]|notific[oó])(?:\s+\w+){0,4}?\s+el|"
                  r"(?:told|informed|notified|emailed|wrote to)(?:\s+\w+){0,3}?\s+on|"
                  r"(?:annunciato|comunicato) il|"
                  r"(?:announced|posted|published|confirmed)(?:\s+(?:it|this|that|the|a|an|in|on|to|its|their|official|"
                  r"forums?|seller|sellers|news|blog|community|board))+|"
                  r"(?:announcement|forum post|notice|anuncio|annonce)\s*[(:])\W{0,3}$",
        "after": r"^\W{0,3}(?:发布|公布|宣布|发出|発表|告知|消息|讯(?=[,，])|(?:일\s*)?밝혔|(?:[\w-]+\s+){0,2}(?:announcement|post\b|notice)|"
                 r"angekündigt|mitgeteilt|발표|공지)",
    },
}
# Words that make a date not the policy's (fee schedules, events, shipping cut-offs).
DATE_NOISE = (r"fee|fees|prime day|lightning deal|black friday|cyber monday|shipping|cut-?off|inventory|storage|"
              r"tariffs?|de minimis|zölle|\bzoll\b|aranceles?|droits de douane|关税|関税|配送费|仓储费|服务费|佣金|"
              r"gebühr|blitzangebot|lagerbestand|tarifa|comisi[oó]n|frais|会员日|秒杀|费用|库存|入仓|手数料|在庫|"
              r"webinar|event|conference|sale")
# Words near a date meaning the announcement itself ("the forum post came on 30 January").
ANNOUNCE_WORDS = (r"announc\w*|sent out|was sent|were sent|お達し|お知らせ|消息|밝혔|forum|foren\b|foros?\b|beitrag|publicaci[oó]n|notice|posted|published|post\b|发布|公告|公布|宣布|発表|告知|angekündigt|"
                  r"mitteilung|ankündigung|comunicado|"
                  r"veröffentlicht|anunci\w*|publicad\w*|annonc\w*|publi[ée]\w*|aviso oficial|"
                  r"message|told|informed|notified|comunic\w*|inform[oó]|mitgeteilt|notific\w*|annunci\w*|"
                  r"ogłos\w*|duyur\w*|공지|발표|أعلن\w*")


# Enforcement stated as a consequence ("ab dem 1. September werden nicht verifizierte Konten gesperrt",
# "after November 15, unverified accounts will be locked out", "11月15日以降、未認証のアカウントは停止されます"):
# a date in one clause with a consequence word and a word naming the accounts that have not complied
# is the deadline, whatever start cue ("ab", "from", "以降", "a partir de") stands before it.
ENFORCE_WORDS = (
    # en
    r"\bsuspen\w*|\bdeactivat\w*|\bdisabled\b|\block(?:ed|s)?(?: out)?\b|\bblock(?:ed|s)?\b|\brestrict\w*|\bon hold\b|"
    r"\bpaused\b|\blose (?:access|the ability)|\bloses? (?:access|the ability)|\b(?:removed|delisted|unpublished|hidden)\b|"
    r"\b(?:can ?not|can't|won't be able to|will not be able to|unable to|no longer (?:be able to )?)\s*(?:sell|list|log|sign|access|upload|receive|create|ship)\w*|"
    # de
    r"\bgesperrt\b|\bsperr\w*|\bdeaktivier\w*|\beingeschränkt\b|\bausgesperrt\b|\bpausiert\b|\bkeine\b[^.;:!?\n]{0,50}\bmehr\b|\bnicht mehr\b|"
    # es / pt / it
    r"\bsuspendid\w*|\bsuspender\w*|\bsuspensi[oó]n|\bbloquead\w*|\bdesactivad\w*|\bdesativad\w*|\brestringid\w*|\bpausad\w*|"
    r"\bno podr[aá]n?\b|\bya no\b|\bsospes\w*|\bbloccat\w*|\bdisattivat\w*|\bnon potranno\b|"
    # fr
    r"\bsuspendu\w*|\bdésactivé\w*|\bbloqué\w*|\brestreint\w*|\bne pourr?ont plus\b|\bn'auront plus\b|"
    # pl / tr
    r"\bzablokow\w*|\bzawiesz\w*|\baskıya\w*|\bengellen\w*|\bkapatıl\w*|(?:yemeyecek|yamayacak)\b|"
    # zh / ja / ko
    r"封号|停用|冻结|凍結|暂停|受限|限制|下架|无法|停止|ログインできなく|できなくな|利用できな|정지|제한|차단")
# The accounts (addresses, partners, sellers) that have not verified: the consequence is about them.
NONCOMPLIANT_WORDS = (
    r"\bun(?:verified|confirmed|validated)\b|\bnon-?(?:verified|compliant)\b|\bnot (?:been )?(?:verified|confirmed|validated)\b|"
    r"\bwithout (?:a |an )?(?:verified|confirmed|verification|verifying)|\b(?:who|that|which) (?:have not|haven't|has not|hasn't|do not|don't|does not|doesn't|did not|didn't|fail)\b|"
    r"\bfail(?:s|ing)? to\b|\bif (?:not|you don't|you do not)\b|\botherwise\b|"
    r"\bnicht (?:verifiziert|bestätigt|validiert)\w*|\bunbestätigt\w*|\bunverifiziert\w*|\bohne (?:bestätigt|verifiziert|gültig)\w*|"
    r"\b(?:die|der|welche) (?:nicht|keine)\b|"
    r"\bno (?:verificad|validad|confirmad)\w*|\bsin (?:verificar|validar|confirmar)\b|\bque no\b|"
    r"\bnon (?:vérifié|confirmé|validé|verificat)\w*|\bqui n'(?:ont|auront) pas\b|\bsans (?:avoir|vérif)\w*|"
    r"\bnão (?:verificad|validad)\w*|\bniezweryfikowan\w*|\bdoğrula(?:ma yapmayan|nmamış|mayan)\w*|"
    r"未认证|未驗證|未验证|未認証|未确认|未確認|未完成|未通过|未绑定|没有验证|未登録|されていない|していない|しない場合|미인증")
# A period counted from the date ("7天内未完成验证的店铺将被限制", "within 14 days", "innerhalb von 7 Tagen"):
# the consequence falls at the end of that period, not on the date itself.
ENFORCE_PERIOD = (r"\d+\s*(?:个)?(?:天|日|営業日|周|週間|小时|時間)(?:内|以内|之内)|"
                  r"\b(?:within|in)\s+\d+\s+(?:days?|weeks?|hours?)\b|\binnerhalb (?:von )?\d+\s+(?:tag|woche|stunde)\w*|"
                  r"\b(?:dentro de|en(?: un plazo de)?)\s+\d+\s+(?:d[ií]as|semanas|horas)\b|\bsous \d+\s+(?:jours|semaines|heures)\b")
# Obligation words the "require" concept does not list but a date's clause may carry ("需验证").
ENFORCE_OBLIGATION = r"需(?!求)|必须|須|応じ"
