"""The commission's sides, sectors, organisations, people and bodies, for the demo.

Organisation names are the official ones; where the demo had to assume something (a side for a
company, a secretariat's place), the record is marked illustrative.
"""

SOURCE_RELEASE = "primeminister.kz, 12 July 2024 (21st meeting of the IGC)"
ILLUSTRATIVE = "illustrative: not from a published source"
ILLUSTRATIVE_RU = "условные данные: не из опубликованного источника"

SIDES = [
    # code, m49, name_en, name_ru, order
    ("KZ", 398, "Kazakhstan", "Казахстан", 1),
    ("UZ", 860, "Uzbekistan", "Узбекистан", 2),
]

# The forms of each country's name a generated text needs: adjective (en), genitive and
# instrumental (ru).
NAME_FORMS = {
    "KZ": ("Kazakh", "Казахстана", "Казахстаном"),
    "UZ": ("Uzbek", "Узбекистана", "Узбекистаном"),
    "KG": ("Kyrgyz", "Кыргызстана", "Кыргызстаном"),
}

CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]
REGION = {"region_name_en": "Central Asia", "region_name_ru": "Центральная Азия",
          "region_name_ru_genitive": "Центральной Азии",
          "region_name_ru_instrumental": "Центральной Азией", "region_codes": CENTRAL_ASIA}

# code, order, name_en, name_ru, short_en, short_ru, and per side: (side, statistics basis,
# office en, office ru, co-chair key or None, colour)
COMMISSIONS = [
    ("kz-uz", 1,
     "Joint Intergovernmental Commission on Bilateral Cooperation between Kazakhstan and "
     "Uzbekistan",
     "Совместная межправительственная комиссия по двустороннему сотрудничеству между "
     "Казахстаном и Узбекистаном",
     "Kazakhstan–Uzbekistan", "Казахстан — Узбекистан",
     [("KZ", "KZ", "Bureau of National Statistics of Kazakhstan",
       "Бюро национальной статистики Казахстана", "bektenov", "#00a3d9"),
      ("UZ", "UZ", "Statistics Agency of Uzbekistan", "Агентство статистики Узбекистана",
       "aripov", "#1a9e4b")]),
]

SECTORS = [
    # code, name_en, name_ru (the order of the release)
    ("trade", "Trade", "Торговля"),
    ("investment", "Investment", "Инвестиции"),
    ("water", "Water", "Водное хозяйство"),
    ("energy", "Energy", "Энергетика"),
    ("transport", "Transport", "Транспорт"),
    ("industry", "Industry", "Промышленность"),
    ("agriculture", "Agriculture", "Сельское хозяйство"),
    ("ecology", "Ecology", "Экология"),
    ("digitalisation", "Digitalisation", "Цифровизация"),
]

# code, side, kind, short_name, name_en, name_ru, parent code, provenance
ORGANISATIONS = [
    # Kazakhstan
    ("kz-government", "KZ", "government", "KZ Government",
     "Government of the Republic of Kazakhstan", "Правительство Республики Казахстан",
     None, "sourced"),
    ("kz-mti", "KZ", "ministry", "KZ MTI",
     "Ministry of Trade and Integration of the Republic of Kazakhstan",
     "Министерство торговли и интеграции Республики Казахстан", "kz-government", "sourced"),
    ("kz-mic", "KZ", "ministry", "KZ MIC",
     "Ministry of Industry and Construction of the Republic of Kazakhstan",
     "Министерство промышленности и строительства Республики Казахстан", "kz-government",
     "sourced"),
    ("kz-energy", "KZ", "ministry", "KZ MoE",
     "Ministry of Energy of the Republic of Kazakhstan",
     "Министерство энергетики Республики Казахстан", "kz-government", "sourced"),
    ("kz-water", "KZ", "ministry", "KZ MWRI",
     "Ministry of Water Resources and Irrigation of the Republic of Kazakhstan",
     "Министерство водных ресурсов и ирригации Республики Казахстан", "kz-government",
     "sourced"),
    ("kz-transport", "KZ", "ministry", "KZ MoT",
     "Ministry of Transport of the Republic of Kazakhstan",
     "Министерство транспорта Республики Казахстан", "kz-government", "sourced"),
    ("kz-agriculture", "KZ", "ministry", "KZ MoA",
     "Ministry of Agriculture of the Republic of Kazakhstan",
     "Министерство сельского хозяйства Республики Казахстан", "kz-government", "sourced"),
    ("kz-ecology", "KZ", "ministry", "KZ MENR",
     "Ministry of Ecology and Natural Resources of the Republic of Kazakhstan",
     "Министерство экологии и природных ресурсов Республики Казахстан", "kz-government",
     "sourced"),
    ("kz-digital", "KZ", "ministry", "KZ MDDIAI",
     "Ministry of Digital Development, Innovations and Aerospace Industry of the Republic of "
     "Kazakhstan",
     "Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики "
     "Казахстан", "kz-government", "sourced"),
    ("kz-mfa", "KZ", "ministry", "KZ MFA",
     "Ministry of Foreign Affairs of the Republic of Kazakhstan",
     "Министерство иностранных дел Республики Казахстан", "kz-government", "sourced"),
    ("kz-stat", "KZ", "agency", "KZ BNS",
     "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the "
     "Republic of Kazakhstan",
     "Бюро национальной статистики Агентства по стратегическому планированию и реформам "
     "Республики Казахстан", "kz-government", "sourced"),
    ("kz-secretariat", "KZ", "secretariat", "KZ secretariat",
     "Secretariat of the Kazakh part of the Intergovernmental Commission",
     "Секретариат казахстанской части Межправительственной комиссии", "kz-mti",
     "illustrative"),
    ("kz-ktz", "KZ", "company", "KTZ",
     "Kazakhstan Temir Zholy national company", "АО «НК «Қазақстан темір жолы»",
     None, "sourced"),
    ("kz-saryarkaavtoprom", "KZ", "company", "SaryarkaAvtoProm",
     "SaryarkaAvtoProm (Kostanay)", "ТОО «СарыаркаАвтоПром» (Костанай)", None, "sourced"),
    ("kz-tcl", "KZ", "company", "TCL Gr.",
     "TCL Gr., Kazakh operator of the ICIC \"Central Asia\"",
     "TCL Gr., казахстанский оператор МЦПС «Центральная Азия»", None, "sourced"),
    # Uzbekistan
    ("uz-government", "UZ", "government", "UZ Cabinet",
     "Cabinet of Ministers of the Republic of Uzbekistan",
     "Кабинет Министров Республики Узбекистан", None, "sourced"),
    ("uz-miit", "UZ", "ministry", "UZ MIIT",
     "Ministry of Investment, Industry and Trade of the Republic of Uzbekistan",
     "Министерство инвестиций, промышленности и торговли Республики Узбекистан",
     "uz-government", "sourced"),
    ("uz-energy", "UZ", "ministry", "UZ MoE",
     "Ministry of Energy of the Republic of Uzbekistan",
     "Министерство энергетики Республики Узбекистан", "uz-government", "sourced"),
    ("uz-water", "UZ", "ministry", "UZ MWR",
     "Ministry of Water Resources of the Republic of Uzbekistan",
     "Министерство водного хозяйства Республики Узбекистан", "uz-government", "sourced"),
    ("uz-transport", "UZ", "ministry", "UZ MoT",
     "Ministry of Transport of the Republic of Uzbekistan",
     "Министерство транспорта Республики Узбекистан", "uz-government", "sourced"),
    ("uz-agriculture", "UZ", "ministry", "UZ MoA",
     "Ministry of Agriculture of the Republic of Uzbekistan",
     "Министерство сельского хозяйства Республики Узбекистан", "uz-government", "sourced"),
    ("uz-ecology", "UZ", "ministry", "UZ MEEPCC",
     "Ministry of Ecology, Environmental Protection and Climate Change of the Republic of "
     "Uzbekistan",
     "Министерство экологии, охраны окружающей среды и изменения климата Республики "
     "Узбекистан", "uz-government", "sourced"),
    ("uz-digital", "UZ", "ministry", "UZ MDT",
     "Ministry of Digital Technologies of the Republic of Uzbekistan",
     "Министерство цифровых технологий Республики Узбекистан", "uz-government", "sourced"),
    ("uz-mfa", "UZ", "ministry", "UZ MFA",
     "Ministry of Foreign Affairs of the Republic of Uzbekistan",
     "Министерство иностранных дел Республики Узбекистан", "uz-government", "sourced"),
    ("uz-stat", "UZ", "agency", "UZ Stat",
     "Statistics Agency under the President of the Republic of Uzbekistan",
     "Агентство статистики при Президенте Республики Узбекистан", "uz-government", "sourced"),
    ("uz-secretariat", "UZ", "secretariat", "UZ secretariat",
     "Secretariat of the Uzbek part of the Intergovernmental Commission",
     "Секретариат узбекской части Межправительственной комиссии", "uz-miit", "illustrative"),
    ("uz-uty", "UZ", "company", "UTY",
     "Uzbekistan Temir Yollari", "АО «Ўзбекистон темир йўллари»", None, "sourced"),
    ("uz-asia-metal-prof", "UZ", "company", "Asia Metal Prof",
     "Asia Metal Prof", "Asia Metal Prof", None, "sourced"),
    # The release does not say where B.A. Holding is registered: the side is assumed.
    ("uz-ba-holding", "UZ", "company", "B.A. Holding",
     "B.A. Holding", "B.A. Holding", None, "illustrative"),
    ("uz-uzauto-motors", "UZ", "company", "UzAuto Motors",
     "UzAuto Motors", "UzAuto Motors", None, "sourced"),
    ("uz-man-auto", "UZ", "company", "MAN Auto-Uzbekistan",
     "MAN Auto-Uzbekistan", "MAN Auto-Uzbekistan", None, "sourced"),
    ("uz-artel", "UZ", "company", "Artel",
     "Artel Electronics", "Artel Electronics", None, "sourced"),
    ("uz-nurafshon", "UZ", "company", "Nurafshon",
     "Nurafshon (farm machinery)", "Nurafshon (сельхозтехника)", None, "sourced"),
    ("uz-ecoton-sharq", "UZ", "company", "ECOTON-SHARQ",
     "ECOTON-SHARQ (aerated concrete, Angren)", "ECOTON-SHARQ (газобетон, Ангрен)", None,
     "sourced"),
    # International
    ("aiib", None, "bank", "AIIB",
     "Asian Infrastructure Investment Bank", "Азиатский банк инфраструктурных инвестиций",
     None, "sourced"),
    ("ebrd", None, "bank", "EBRD",
     "European Bank for Reconstruction and Development",
     "Европейский банк реконструкции и развития", None, "sourced"),
    ("icwc", None, "international", "ICWC",
     "Interstate Commission for Water Coordination of Central Asia",
     "Межгосударственная координационная водохозяйственная комиссия Центральной Азии",
     None, "sourced"),
    ("bwo-syrdarya", None, "international", "BWO Syrdarya",
     "Basin Water Organisation \"Syrdarya\"", "Бассейновое водное объединение «Сырдарья»",
     "icwc", "sourced"),
]

# The short names used in Russian texts, by organisation code; a company known by its brand
# (Artel, TCL Gr.) keeps it in every language and has none here.
SHORT_NAMES_RU = {
    "kz-government": "Правительство РК", "kz-mti": "МТИ РК", "kz-mic": "МПС РК",
    "kz-energy": "Минэнерго РК", "kz-water": "МВРИ РК", "kz-transport": "Минтранс РК",
    "kz-agriculture": "МСХ РК", "kz-ecology": "МЭПР РК", "kz-digital": "МЦРИАП РК",
    "kz-mfa": "МИД РК", "kz-stat": "БНС РК", "kz-secretariat": "Секретариат РК",
    "kz-ktz": "КТЖ", "kz-saryarkaavtoprom": "СарыаркаАвтоПром",
    "uz-government": "Кабмин РУз", "uz-miit": "МИПТ РУз", "uz-energy": "Минэнерго РУз",
    "uz-water": "Минводхоз РУз", "uz-transport": "Минтранс РУз", "uz-agriculture": "Минсельхоз РУз",
    "uz-ecology": "Минэкологии РУз", "uz-digital": "Минцифры РУз", "uz-mfa": "МИД РУз",
    "uz-stat": "Статагентство РУз", "uz-secretariat": "Секретариат РУз", "uz-uty": "УТЙ",
    "aiib": "АБИИ", "ebrd": "ЕБРР", "icwc": "МКВК", "bwo-syrdarya": "БВО «Сырдарья»",
}

# key, side, organisation, full_name_en, full_name_ru, position_en, position_ru, provenance
PEOPLE = [
    ("bektenov", "KZ", "kz-government", "Olzhas Bektenov", "Олжас Бектенов",
     "Prime Minister of the Republic of Kazakhstan", "Премьер-Министр Республики Казахстан",
     "sourced"),
    ("aripov", "UZ", "uz-government", "Abdulla Aripov", "Абдулла Арипов",
     "Prime Minister of the Republic of Uzbekistan", "Премьер-министр Республики Узбекистан",
     "sourced"),
    # Delegates: the release names nobody else, so these stand in for them (illustrative).
    ("kz-delegate-trade", "KZ", "kz-mti", "Delegate of the KZ Ministry of Trade",
     "Представитель МТИ РК", "Vice minister", "Вице-министр", "illustrative"),
    ("kz-delegate-industry", "KZ", "kz-mic", "Delegate of the KZ Ministry of Industry",
     "Представитель МПС РК", "Vice minister", "Вице-министр", "illustrative"),
    ("kz-delegate-secretary", "KZ", "kz-secretariat", "Executive secretary of the Kazakh part",
     "Ответственный секретарь казахстанской части", "Executive secretary",
     "Ответственный секретарь", "illustrative"),
    ("uz-delegate-trade", "UZ", "uz-miit", "Delegate of the UZ Ministry of Investment",
     "Представитель МИПТ РУз", "Deputy minister", "Заместитель министра", "illustrative"),
    ("uz-delegate-water", "UZ", "uz-water", "Delegate of the UZ Ministry of Water Resources",
     "Представитель Минводхоза РУз", "Deputy minister", "Заместитель министра",
     "illustrative"),
    ("uz-delegate-secretary", "UZ", "uz-secretariat", "Executive secretary of the Uzbek part",
     "Ответственный секретарь узбекской части", "Executive secretary",
     "Ответственный секретарь", "illustrative"),
]

# Names the demo gave the stand-ins before people had a provenance: a later load renames them.
FORMER_NAME_SUFFIX = " (illustrative)"

COMMISSION = (
    "igc", "Joint Intergovernmental Commission on Bilateral Cooperation between the Republic of "
    "Kazakhstan and the Republic of Uzbekistan",
    "Совместная межправительственная комиссия по двустороннему сотрудничеству между Республикой "
    "Казахстан и Республикой Узбекистан",
)

# The release names no subcommissions: one working group per sector stands in for them
# (illustrative; see docs/demo.md).
BODIES = [
    # code, kind, sector, name_en, name_ru
    ("igc-sc-trade", "subcommission", "trade",
     "Subcommission on trade and economic cooperation",
     "Подкомиссия по торгово-экономическому сотрудничеству"),
    ("igc-sc-industry", "subcommission", "industry",
     "Subcommission on industrial cooperation", "Подкомиссия по промышленной кооперации"),
    ("igc-wg-investment", "working_group", "investment", "Working group on investment",
     "Рабочая группа по инвестициям"),
    ("igc-wg-water", "working_group", "water", "Working group on water management",
     "Рабочая группа по водному хозяйству"),
    ("igc-wg-energy", "working_group", "energy", "Working group on energy",
     "Рабочая группа по энергетике"),
    ("igc-wg-transport", "working_group", "transport", "Working group on transport and transit",
     "Рабочая группа по транспорту и транзиту"),
    ("igc-wg-agriculture", "working_group", "agriculture", "Working group on agriculture",
     "Рабочая группа по сельскому хозяйству"),
    ("igc-wg-ecology", "working_group", "ecology", "Working group on ecology",
     "Рабочая группа по экологии"),
    ("igc-wg-digital", "working_group", "digitalisation", "Working group on digitalisation",
     "Рабочая группа по цифровизации"),
]
