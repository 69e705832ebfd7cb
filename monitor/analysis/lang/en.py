"""English (en): the words of the analysis engine in one place.

Concept fragments (regular expressions, matched case-insensitively on cleaned, NFKC-normalised text;
the facade ``monitor.analysis.lexicon`` adds word boundaries for Latin-script languages), month and
weekday names, date cue words, announcement words, stop words for the language guess, and the
names of marketplace countries.  Only words people use for these things, never phrases of
particular texts.
"""

from __future__ import annotations

CODE = "en"
NAME = "English"
SCRIPT = "latin"

# month name -> number (named months); numeric-month languages give MONTH_SUFFIX instead
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_SUFFIX = ""

# weekday name (alternatives with |) -> 0 = Monday
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# words that mark a text as this language (a small vote among Latin-script languages)
STOP_WORDS: frozenset[str] = frozenset({"and", "are", "for", "from", "have", "is", "it", "must", "not", "of", "on",
    "sellers", "that", "the", "this", "to", "will", "with", "you", "your"})

# date roles: 'before' fragments end right before the date, 'after' ones start right after it
DATE_CUES: dict[str, dict[str, list[str]]] = {
    "effective": {
        "before": [r"(?:(?:starting|beginning|from|effective)\s+)?(?:as early as|as soon as|no earlier than)",
            r"(?:go(?:es)?|went|will go|come(?:s)?|came) into (?:effect|force)(?: on)?", r"will take effect(?: on)?",
            r"starting", r"beginning", r"begins?", r"from", r"as of", r"effective", r"since", r"began", r"started",
            r"start(?:s|ed)?", r"rolled out", r"live since", r"commencing", r"introduced", r"takes effect",
            r"take effect", r"took effect", r"went live", r"open(?:ed|s) on",
            r"(?:began|started|starts?|begins?|went live|goes live|took effect|rolled out|kicked off|launched)\s+on",
            r"(?:rolling|roll(?:s|ed)?) out on", r"between", r"on"],
        "after": [r"onwards", r"on\b", r"and (?:applies|runs)", r"(?:it )?(?:began|started|took effect)"],
    },
    "deadline": {
        "before": [r"by", r"by (?:today|tomorrow)", r"before", r"no later than", r"deadline(?:(?:\s+[\w-]+){0,3}?\s+(?:is|was))?(?: now| of)?",
            r"until", r"(?:is|are) now",
            r"(?:extended|pushed back|moved|postponed|delayed)(?:\s+[\w-]+){0,3}?\s+(?:to|until)", r"due",
            r"have until", r"has until", r"by the end of"],
        "after": [r"(?:\w+\s+){0,2}deadline"],
    },
    "announced": {
        "before": [r"(?:announced|posted|published|said|came|appeared|sent)(?:\s+\w+){0,3}?\s+on",
            r"(?:post|announcement|notice|message|publication)(?:\s+[\w-]+){0,5}?\s+(?:on|of|dated)",
            r"(?:told|informed|notified|emailed|wrote to)(?:\s+\w+){0,3}?\s+on",
            r"(?:announced|posted|published|confirmed)(?:\s+(?:it|this|that|the|a|an|in|on|to|its|their|official|forums?|seller|sellers|news|blog|community|board))+",
            r"(?:announcement|forum post|notice)\s*[(:]"],
        "after": [r"(?:[\w-]+\s+){0,2}(?:announcement|post\b|notice)"],
    },
}
# words near a date that mean the announcement itself
ANNOUNCE_WORDS: list[str] = [r"announc\w*",
    r"sent out",
    r"was sent",
    r"were sent",
    r"forum",
    r"notice",
    r"posted",
    r"published",
    r"post\b",
    r"message",
    r"told",
    r"informed",
    r"notified"]

# marketplace code -> names of its country in this language, and the phrases that name a marketplace
COUNTRIES: dict[str, list[str]] = {
    "US": [r"(?-i:US|U\.S\.)", r"united states", r"american", r"north america(?:n)?"],
    "UK": [r"(?-i:UK)", r"united kingdom", r"british"],
    "DE": [r"germany", r"german"],
    "FR": [r"france", r"french"],
    "ES": [r"spain", r"spanish"],
    "IT": [r"italy", r"italian"],
    "JP": [r"japan", r"japanese", r"(?-i:JP)"],
    "CA": [r"canada", r"canadian"],
    "MX": [r"mexico", r"mexican"],
    "BR": [r"brazil", r"brazilian"],
    "IN": [r"india", r"indian"],
    "AU": [r"australia", r"australian"],
    "AE": [r"uae", r"united arab emirates"],
    "SA": [r"saudi arabia", r"saudi"],
    "SG": [r"singapore"],
    "NL": [r"netherlands", r"dutch"],
    "PL": [r"poland", r"polish"],
    "SE": [r"sweden", r"swedish"],
    "TR": [r"turkey", r"turkish"],
    "EU": [r"(?-i:EU)", r"european", r"europe"],
}
# literal words one of which stands near every marketplace phrase (where to look; lower case)
MARKETPLACE_ANCHORS: list[str] = ["amazon", "store", "marketplace", "seller", "u.s."]
MARKETPLACE_TEMPLATES: list[str] = [r"amazon\s+{c}\b",
    r"\b{c}\s+(?:store|marketplace|site|seller central|amazon)\b",
    r"\bsellers? (?:in|on|of) (?:the )?{c}\s+(?:store|marketplace|site)",
    r"\b(?:in|on) (?:the )?{c}\s+(?:store|marketplace)",
    r"\b{c}\s+sellers\b"]

# a message asking for a secret or pushing a link (phishing): such a text never gives a policy's consequences
PHISHING_REQUEST: list[str] = [
    r"(?:send|share|reply with|give|tell|disclose|forward|read out)(?: it)?(?: to)? (?:us|me|the caller|our (?:agent|team|support))? ?(?:your |the )(?:password|passcode|pin|otp|one-time (?:code|password)|verification code|security code|code|login (?:details|credentials)|credentials|card (?:number|details)|bank (?:login|details))",
    r"(?:click|tap|follow) (?:the |this )?link below",
    r"(?:verify|confirm|restore|unlock|reactivate) your account (?:by clicking|via|at|through) (?:the|this) link",
    r"(?:enter|confirm|update) your (?:password|card (?:number|details)|bank details|login credentials) (?:at|on|via|through) (?:the|this) (?:link|page below)",
]

# pages of a seller interface where contacts and sign-in are set (the `where` of a policy)
SETTINGS_PAGES: list[str] = [
    # as the interface writes them (capitalised): "account security" in prose names no page
    r"(?-i:Advanced Security Settings|Login (?:&|and) Security|Sign-In (?:&|and) Security|Security Settings)",
    r"(?-i:Account (?:Settings|Security|Information|Info)|Two-Step Verification Settings|Seller Profile)",
    # the consoles of other platforms, and the moment a check prompts (the "where" of a policy)
    r"(?-i:Play Console|Partner Center|Steamworks|Seller Center|Seller Hub|Supplier Portal|Partner Portal|"
    r"App Store Connect|Developer Console)",
    r"when (?:you )?(?:sign|log)(?:ging)? (?:in|on)(?: to (?:the |your )?(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}))?",
    r"when (?:you )?(?:list|post|creat)(?:e|ing)? (?:a |an )?(?:new )?(?:listings?|ads?|items?|products?)",
    r"(?:banner|pop-?up|prompt) (?:on|in) (?:the |your )?(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*){0,3})",
]

CONCEPTS: dict[str, list[str]] = {
    "emergency_contact": [
        r"emergency[\s-]+contact\w*", r"ecn", r"emergency (?:phone|email|e-mail|number)",
    ],
    "two_step": [
        r"two[\s-]*step(?:\s+verification|\s+authentication)?", r"2[\s-]?sv", r"2[\s-]?fa",
        r"two[\s-]*factor(?:\s+authentication)?", r"multi[\s-]*factor(?:\s+authentication)?", r"mfa", r"2[\s-]?step",
    ],
    "phone": [
        r"phones?(?:\s+numbers?)?", r"mobile(?:\s+(?:phone|number)s?)", r"cell(?:\s*phone)?(?:\s+numbers?)?",
        r"telephone(?:\s+numbers?)?", r"landlines?", r"ecn", r"sms[\s-](?:verification|authentication|checks?)",
    ],
    "email": [
        r"e-?mail(?:\s+address(?:es)?)?", r"mailbox",
    ],
    "contact_details": [
        r"contact (?:information|details|info|data|channels?)", r"notification contacts?", r"contact(?:s)? on file",
    ],
    "notif_prefs": [
        r"notification (?:preferences|settings|prefs)", r"notification prefs?",
    ],
    "login_settings": [
        r"login settings", r"sign-in settings",
    ],
    "verify": [
        r"verif(?:y|ies|ied|ying|ication)", r"re-?verif\w*", r"confirm(?:s|ed|ing|ation)?",
        r"validat(?:e|es|ed|ing|ion)", r"authenticat(?:e|ed|ion)",
    ],
    "update": [
        r"updat(?:e|ed|ing)", r"review and confirm", r"re-?certif\w*",
    ],
    "provide": [
        r"complet(?:e|es|ed|ing)", r"finish\w*", r"submit\w*", r"provid(?:e|es|ed|ing)", r"upload\w*",
        r"show(?:ing)?", r"re-?submit\w*", r"enter (?:the|a) code",
    ],
    "otp": [
        r"otp", r"one[\s-]*time\s+(?:password|passcode|code|pin)s?", r"verification codes?", r"security codes?",
        r"(?:sms|text) codes?", r"\d[\s-]*digit (?:code|pin)", r"(?:four|five|six|eight)[\s-]digit (?:code|pin)", r"passcodes?", r"sms-?tan",
        r"codes? (?:sent|we send|will be sent)", r"(?:a|the|each|that|this) (?:\d-digit )?code",
    ],
    "sms": [
        r"sms", r"text messages?", r"texts?(?= (?:message|with|to))", r"a text\b",
    ],
    "link": [
        r"(?:verification|confirmation) links?", r"link (?:sent|in the email|we send|received)",
        r"click(?:ing)? (?:on )?the link (?:in|sent|we)",
    ],
    "call": [
        r"voice calls?", r"automated calls?", r"phone calls?",
    ],
    "require": [
        r"must", r"required?", r"requires", r"requirements?", r"mandatory", r"obligatory", r"compulsory", r"need to",
        r"needs to", r"have to", r"has to", r"will be (?:asked|prompted|required)",
        r"asking (?:all |every )?(?:sellers|merchants)",
        r"asks? (?:all |every |some )?(?:new )?(?:sellers|merchants)", r"now (?:requires|asks|wants)",
        r"making everyone", r"enforc\w*", r"instruct\w*", r"forced to", r"forcing (?:all |every )?(?:sellers|us)",
    ],
    "event": [
        r"starting", r"beginning", r"as of", r"effective", r"from (?=\w+ \d)", r"from (?:today|tomorrow|now on)",
        r"piloting", r"pilot (?:program|programme|scheme|test|phase)", r"(?:is|are) testing (?:a|the) (?:new )?(?:process|system|feature|requirement)",
        r"will (?:start|begin|require|become|be(?! (?:prompted|asked|sent|taken|shown|able)))", r"began", r"started",
        r"rolling out", r"roll(?:ed|s)? out", r"(?:is|are) now", r"now requir\w*",
        r"new (?:requirement|rule|policy|check|deadline|date)s?", r"announced", r"recently",
        r"has (?:begun|started)", r"quietly started", r"since (?:late|early|the)", r"deadline", r"introduc(?:e|es|ed|ing)\b", r"introduction of\b",
        r"expand\w*",
        r"late (?:january|february|march|april|may|june|july|august|september|october|november|december)",
        r"(?:in|since) (?:january|february|march|april|june|july|august|september|october|november|december)",
        r"heads up", r"psa", r"make[s]? .{0,30}mandatory", r"made (?:mandatory|compulsory|required)",
        r"announc(?:es|ing)", r"going forward",
        r"report(?:s|ed|ing)? (?:being |getting )?(?:prompted|asked|required|forced)", r"being prompted",
        r"since this (?:morning|week)", r"(?:past|last) (?:few|couple of) (?:days|weeks)",
        r"(?:received|receiving|gotten) (?:an? |the |these |this )?(?:following |new )?(?:e-?mails?|notices?|notifications?|messages?|pop-?ups?)",
        r"starts? this week",
    ],
    "seller": [
        r"sellers?", r"merchants?", r"shop owners?", r"shops?", r"seller central", r"seller cent(?:er|re)",
        r"shop manager", r"selling partners?", r"sell(?:ing)? accounts?", r"seller accounts?", r"agenc(?:y|ies)",
        r"people who sell", r"who (?:sell|publish)", r"retail partners?", r"marketplace partners?",
        r"sales partners?", r"developer accounts?",
    ],
    "consequence": [
        r"suspen\w*", r"deactivat\w*", r"restrict\w*", r"lock(?:ed)? out", r"on hold", r"held", r"won't be able",
        r"unable to", r"lose access", r"blocked", r"unpublish\w*", r"removed?", r"paused", r"may not receive",
        r"account risk",
    ],
    "buyer": [
        r"buyers?", r"shoppers?", r"customers?(?! service)", r"shopping accounts?", r"consumers?",
        r"customer accounts?", r"psd2", r"strong customer authentication", r"cardholders?", r"online banking",
        r"online (?:payments?|purchases?|shopping)", r"card payments?", r"3-?d[- ]secure", r"payment services? directive",
    ],
    "ov_identity": [
        r"identity", r"id documents?", r"identity documents?", r"passports?", r"driver'?s licen[cs]e", r"selfie",
        r"face verification", r"live face", r"government[- ]issued id", r"date of birth", r"legal representative id",
        r"photo id", r"\bid\b",
    ],
    "ov_video": [
        r"video call", r"video verification", r"live video",
    ],
    "ov_address": [
        r"postcards?", r"business address\w*", r"address verification", r"home address", r"registered address",
        r"proof of address",
    ],
    "ov_bank": [
        r"bank account\w*", r"bank details", r"credit card", r"micro-?deposit\w*", r"payment method",
        r"deposit method",
    ],
    "ov_tax": [
        r"tax (?:information|interview|id|identification|details|number)\w*", r"dac7", r"w-?9", r"vat", r"tin\b",
        r"tax",
    ],
    "ov_kyc": [
        r"kyc", r"know your customer", r"inform (?:consumers )?act", r"inform consumers",
        r"business (?:registration|license|licence)\w*", r"registration documents?", r"business documents?",
        r"high-volume sellers?", r"trader (?:status|information|details|data|contact information)",
        r"d-?u-?n-?s(?: numbers?)?", r"organi[sz]ation (?:verification|details)", r"digital services act", r"dsa",
        r"legal (?:name|entity)",
    ],
    # fraud or scams as a crime (a measure's motive as often as a warning's subject): weak alone
    "fraud": [
        r"fraud\w*", r"scammers?",
    ],
    "trap_phishing": [
        r"phishing", r"scams?\b", r"scam(?:med|ming)\b", r"scam[\s-](?:e-?mails?|messages?|texts?|calls?|sites?)", r"fake (?:e-?mails?|messages?|notices?|texts?)", r"spoof\w*",
        r"impersonat\w*", r"look-?alike", r"suspicious (?:e-?mails?|messages?|links?)", r"never ask",
        r"real or (?:a )?(?:scam|fake|phishing)", r"legit(?:imate)?\?",
    ],
    "scam_shape": [
        r"within (?:24|48|72|12|\d{1,2}) hours", r"click (?:the|this) link(?: below)?", r"click here",
        r"dear (?:valued )?(?:seller|customer|user|member|merchant)", r"failure to comply",
        r"permanent(?:ly)? (?:deactivat|suspen|clos)\w*", r"unusual activity",
    ],
    "trap_troubleshoot": [

        r"(?:not|n't|never|no longer) (?:receiv\w*|get(?:ting)?|arriv\w*)(?: the| my| any| a)? (?:code|otp|sms|text)\w*",
        r"code (?:never|doesn't|does not|isn't|is not|won't) (?:arriv|come|show)\w*", r"never arrives?",
        r"not receiving", r"didn'?t receive", r"haven'?t received", r"lost (?:my|your|the) phone", r"locked out",
        r"can'?t (?:log|sign) ?in", r"cannot (?:log|sign) ?in", r"account recovery", r"recover (?:my|your) account",
        r"no longer have access", r"not getting the",
        r"(?:not|never) (?:arriving|showing up|shows up|coming through|comes through)",
        r"(?:having|have) (?:this|the same) (?:issue|problem)", r"get (?:my|the) account back", r"troubleshoot\w*",
    ],
    "trap_optional": [
        r"optional(?:ly)?", r"opt[\s-]?in", r"can now (?:turn on|enable|add|set up|activate|use|choose)",
        r"you can (?:now )?(?:turn on|enable|choose to)", r"voluntar\w*", r"not (?:required|mandatory)",
        r"available to all", r"if you (?:choose|decide|want|wish) to (?:enable|turn on|activate|set up|use)",
        r"once (?:it is |it's )?(?:enabled|activated|turned on)",
        r"(?:you can|can be) (?:turn(?:ed)? off|disabled?|switch(?:ed)? off|deactivated?)",
    ],
    "trap_nonseller": [
        r"associates", r"affiliates?", r"affiliate program\w*", r"partner network", r"partner portal",
        r"sam\.gov", r"login\.gov", r"government contracts?", r"procurement",
        r"insurer\w*", r"software partners?", r"consultants?",
        r"aws", r"amazon web services",
        r"root users?", r"(?:aws )?management console", r"cloud accounts?",
        r"partner (?:dashboard|accounts?|programs?|programmes?|cent(?:er|re))", r"cloud solution providers?", r"shopify partners?", r"dmarc",
        r"dkim", r"spf", r"bulk senders?", r"sending domains?", r"sender (?:requirements|rules|guidelines)",
        r"amazon flex", r"delivery (?:drivers?|partners?|associates?)", r"drivers", r"your (?:merchants|sellers|vendors)",
    ],
    "trap_listing": [
        r"listings?", r"product (?:detail )?pages?", r"titles?", r"descriptions?", r"photos?", r"images?",
        r"packaging", r"inserts?", r"order details", r"storefronts?", r"shop pages?", r"product pages?",
    ],
    "trap_ban": [
        r"prohibit\w*", r"ban(?:s|ned|ning)?", r"no more", r"not allowed", r"may not (?:include|contain|display)",
        r"must not (?:include|contain|display)", r"remove listings", r"will remove",
        r"(?:be|been) (?:removed|suppressed)", r"hide\w*", r"stop showing", r"no longer (?:show|display)",
    ],
    "trap_other_topic": [
        r"fees?", r"fba", r"capacity limits?", r"returns? processing", r"returns?", r"prime day", r"tariffs?",
        r"customs", r"inventory", r"lightning deals?", r"black friday", r"storage", r"inbound placement",
        r"shipping (?:rates|fees|cut-?off)", r"acquir\w*", r"sales up", r"brand registry", r"trademarks?",
    ],
    "trap_eligibility": [
        r"eligib\w*", r"qualif\w*", r"to be eligible", r"conditions?", r"criteria", r"account health assurance",
        r"account health protection", r"\baha\b", r"who qualifies",
    ],
    "help_page": [
        r"how to", r"how do i", r"guide", r"tutorial", r"faq", r"step[- ]by[- ]step",
        r"(?:we'?ll|let us|let me) (?:show|walk) you", r"getting started", r"learn how",
        r"what is (?:a |an )?(?:two|2|multi)[\w-]*",
        r"to (?:change|add|edit|update) (?:your|the|an?)", r"go to settings", r"click edit",
        r"you can (?:verify|change|add|edit|update|receive|choose)", r"tips?", r"walks? (?:you )?through",
        r"that's it", r"use the .{0,40} page", r"(?:is|are) required (?:to|when you) (?:sign|log) ?in", r"required (?:in order )?to (?:access|sign in|log in)",
        r"at any time", r"we'll ask you", r"(?:when|whenever|if) you (?:add|change|edit|update|enter|replace)",
        r"this (?:article|post|blog post|guide|tutorial),? (?:we|you|i|will|explains|covers|shows)\b", r"check-?lists?", r"(?:possible|common) (?:reasons|causes|fixes|solutions)",
    ],
    "first_person_problem": [
        r"anyone (?:else|know|have)", r"has anyone", r"help!?", r"i(?:'ve)? tried", r"any(?:one)? solution",
    ],
    "notice_email": [

        r"(?:got|received|receiving|receive|sent|sends|sending|send) (?:an |the |this |a )?e-?mails?(?! address)(?: from \w+)?",
        r"e-?mails? (?:from|to sellers|saying|instructing|asking)", r"by e-?mail(?= (?:of|about))",
        r"from an e-?mail", r"notified by e-?mail",
        r"(?:in|from|via) (?:the|this|that|an?) e-?mail(?![\s-]*address)",
        r"(?:will|would|to) e-?mail (?:all |every )?(?:sellers|merchants|you|them|users|partners)",
        r"(?:came|comes|arrived|arrives|was sent|is sent) (?:by|via) e-?mail",
    ],
    "comm_channel": [

        r"(?:contact|call|reach|email)\w* (?:us|them|your \w+(?: \w+)?|support|selling partner support)(?: (?:via|by) (?:e-?mail|phone)(?: or (?:e-?mail|phone))?)?",
        r"(?:via|by) (?:e-?mail|phone) or (?:e-?mail|phone)",
    ],
    "doubt": [
        r"is (?:this|it|that) (?:a |an )?(?:real|legit\w*|genuine|phishing|scam|fake)", r"legit or", r"real or",
        r"thought (?:it was|this was)", r"assumed (?:it|the \w+) was", r"took it for", r"suspected (?:it|a)",
        r"at first", r"i'?m suspicious", r"not sure if (?:it|this)",
    ],
    "reassure": [
        r"it'?s (?:real|legit\w*|genuine)", r"(?:is|was) (?:real|legit\w*|genuine)(?! or)",
        r"not (?:a )?(?:scam|phishing)", r"verified anyway", r"no[t]? phishing", r"legit(?=\s*[.!])",
        r"confirmed(?=\s*[,.!])", r"the real (?:one|notice|request|prompt|message)",
    ],
    "background": [
        r"previously", r"last year", r"in the past", r"earlier this year", r"back in \d{4}", r"has long required", r"still (?:enforced|required|in (?:place|effect)|applies)",
        r"been (?:mandatory|required|compulsory) (?:since|for)",
        r"years ago", r"as (?:usual|before|always)", r"(?:is |are )?separate from",
        r"not (?:the same as|to be confused with)", r"unlike (?:the|last)", r"different from the",
    ],
    "prompt": [
        r"prompt(?:s|ed|ing)?", r"pop[\s-]?ups?", r"pops? up", r"popped up", r"banners?", r"keeps? asking",
        r"(?:wants|asks|asked|asking|forcing|forces|makes) (?:me|us) to", r"verify screen", r"yellow box",
    ],
    "login": [
        r"log(?:ging|ged)?[\s-]?in(?:to)?", r"sign(?:ing|ed)?[\s-]?in(?:to)?", r"login",
    ],
    # the earlier state a change replaces ("optional so far, mandatory from ...")
    "formerly": [
        r"previously", r"until now", r"so far", r"no longer", r"used to be", r"formerly",
    ],
    # the protective purpose of a measure ("to prevent fraud"): fraud as a motive, not a phishing warning
    "motive": [
        r"(?:to|help|helps) (?:protect|prevent|combat|fight|reduce|curb)", r"protect(?:ion)? (?:against|from)", r"(?:prevent|combat|combating|combatting|fight|fighting|crack down on|cracking down on|curb|tackle|reduce) (?:\w+ ){0,2}(?:fraud|scams?|abuse|fakes?)", r"anti-?fraud", r"for (?:added|extra|more|better) (?:security|protection)",
    ],
    "past_deadline": [
        r"came and went", r"passed without", r"original(?:ly)?", r"expired", r"missed",
    ],
}
