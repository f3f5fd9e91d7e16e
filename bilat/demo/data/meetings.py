"""The 20th and 21st meetings of the commission: agenda, attendance, protocol, decisions.

The 21st meeting (Almaty, 12 July 2024) follows the government's release; the decision texts
paraphrase it. Paragraphs the release does not speak to, and the whole 20th meeting, are
illustrative: they show how the registry works and say so.
"""

import datetime

from .directory import ILLUSTRATIVE, SOURCE_RELEASE

MEETINGS = {
    20: {
        "held_on": datetime.date(2023, 6, 14),
        "place_en": "Tashkent", "place_ru": "Ташкент", "city": "Tashkent",
        "provenance": "illustrative",  # the date and place are not from a source
        "co_chairs": [],
        "access_tier": "public",
    },
    21: {
        "held_on": datetime.date(2024, 7, 12),
        "place_en": "Almaty", "place_ru": "Алматы", "city": "Almaty",
        "provenance": "sourced",
        "co_chairs": ["bektenov", "aripov"],
        "access_tier": "public",
    },
}

# meeting, number, sector, title_en, title_ru
AGENDA = [
    (21, 1, "trade", "Trade and economic cooperation", "Торгово-экономическое сотрудничество"),
    (21, 2, "industry", "Investment and industrial cooperation",
     "Инвестиционное и промышленное сотрудничество"),
    (21, 3, "water", "Cooperation in water management", "Сотрудничество в водной сфере"),
    (21, 4, "energy", "Cooperation in energy", "Сотрудничество в энергетике"),
    (21, 5, "transport", "Transport and transit", "Транспорт и транзит"),
    (21, 6, "agriculture", "Agriculture and the food industry",
     "Сельское хозяйство и пищевая промышленность"),
    (21, 7, "ecology", "Ecology", "Экология"),
    (21, 8, "digitalisation", "Digitalisation", "Цифровизация"),
    (21, 9, None, "Date and place of the next meeting",
     "О дате и месте проведения следующего заседания"),
    (20, 1, "trade", "Trade and economic cooperation", "Торгово-экономическое сотрудничество"),
    (20, 2, "transport", "Transport and transit", "Транспорт и транзит"),
    (20, 3, "industry", "Industrial cooperation", "Промышленная кооперация"),
]

# meeting, person key, side, role_en, role_ru
ATTENDANCE = [
    (21, "bektenov", "KZ", "Co-chair, head of the Kazakh delegation",
     "Сопредседатель, глава казахстанской делегации"),
    (21, "kz-delegate-trade", "KZ", "Member of the delegation", "Член делегации"),
    (21, "kz-delegate-industry", "KZ", "Member of the delegation", "Член делегации"),
    (21, "kz-delegate-secretary", "KZ", "Executive secretary", "Ответственный секретарь"),
    (21, "aripov", "UZ", "Co-chair, head of the Uzbek delegation",
     "Сопредседатель, глава узбекской делегации"),
    (21, "uz-delegate-trade", "UZ", "Member of the delegation", "Член делегации"),
    (21, "uz-delegate-water", "UZ", "Member of the delegation", "Член делегации"),
    (21, "uz-delegate-secretary", "UZ", "Executive secretary", "Ответственный секретарь"),
    (20, "kz-delegate-secretary", "KZ", "Executive secretary", "Ответственный секретарь"),
    (20, "uz-delegate-secretary", "UZ", "Executive secretary", "Ответственный секретарь"),
]

PROTOCOLS = {
    21: {
        "title_en": "Protocol of the 21st meeting of the Joint Intergovernmental Commission on "
                    "Bilateral Cooperation",
        "title_ru": "Протокол двадцать первого заседания Совместной межправительственной "
                    "комиссии по двустороннему сотрудничеству",
        "signed_on": datetime.date(2024, 7, 12), "signed_place_en": "Almaty",
        "signed_place_ru": "Алматы",
        "signed_language": "ru", "access_tier": "official",
    },
    20: {
        "title_en": "Protocol of the 20th meeting of the Joint Intergovernmental Commission on "
                    "Bilateral Cooperation (illustrative)",
        "title_ru": "Протокол двадцатого заседания Совместной межправительственной комиссии "
                    "по двустороннему сотрудничеству (условно)",
        "signed_on": datetime.date(2023, 6, 14), "signed_place_en": "Tashkent",
        "signed_place_ru": "Ташкент",
        "signed_language": "ru", "access_tier": "official",
    },
}

# How far each decision has got, set through the decisions services (see steps/decisions.py).
# due: days from the day of the first load (open decisions) or a fixed date (closed ones).
# sides: the status each side is brought to; "extended" = an approved extension first.
STATES = {
    "on_time": {"due": 75, "sides": {"KZ": "in_progress", "UZ": "in_progress"}},
    "due_soon": {"due": 5, "sides": {"KZ": "in_progress", "UZ": "not_started"}},
    "overdue": {"due": -21, "sides": {"KZ": "in_progress", "UZ": "in_progress"}},
    "extended": {"due": -7, "extend_to": 40,
                 "sides": {"KZ": "in_progress", "UZ": "in_progress"}},
    "reported": {"due": 20, "sides": {"KZ": "reported", "UZ": "reported"}},
    "returned": {"due": 30, "sides": {"KZ": "returned", "UZ": "in_progress"}},
    "partly_done": {"due": 45, "sides": {"KZ": "in_progress", "UZ": "done"}},
    "accepted": {"due": datetime.date(2024, 12, 27), "sides": {"KZ": "done", "UZ": "done"}},
    "removed": {"due": datetime.date(2024, 10, 31), "removed_on": datetime.date(2025, 2, 14),
                "sides": {"KZ": "in_progress", "UZ": "in_progress"}},
    "standing": {"due": None, "sides": {"KZ": "in_progress", "UZ": "in_progress"}},
}

ISSUED_21 = datetime.date(2024, 7, 12)
ISSUED_20 = datetime.date(2023, 6, 14)

# Each decision: one protocol paragraph (or the heads of state's instruction).
# leads: {side: (lead, [co-executors])}
DECISIONS = [
    {
        "control_number": "IGC21-01", "meeting": 21, "paragraph": "1", "sector": "trade",
        "access_tier": "public", "provenance": "sourced", "state": "due_soon",
        "title_en": "Work out measures to increase mutual trade",
        "title_ru": "Проработать меры по наращиванию взаимной торговли",
        "text_en": "Take note that mutual trade reached US$ 4.5 billion at the end of 2023 and "
                   "exceeded US$ 1.2 billion in the first four months of 2024. The ministries "
                   "responsible for trade shall work out measures to increase mutual trade, "
                   "above all in agro-industrial and food products.",
        "text_ru": "Принять к сведению, что взаимный товарооборот по итогам 2023 года составил "
                   "4,5 млрд долларов США, а за четыре месяца 2024 года превысил 1,2 млрд "
                   "долларов США. Министерствам, ответственным за торговлю, проработать меры "
                   "по наращиванию взаимной торговли, прежде всего продукцией АПК и пищевой "
                   "промышленности.",
        "leads": {"KZ": ("kz-mti", ["kz-agriculture"]), "UZ": ("uz-miit", ["uz-agriculture"])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-02", "meeting": 21, "paragraph": "2", "sector": "industry",
        "access_tier": "public", "provenance": "sourced", "state": "on_time",
        "title_en": "Carry out the industrial cooperation portfolio of 69 projects",
        "title_ru": "Обеспечить реализацию портфеля промкооперации из 69 проектов",
        "text_en": "Ensure the implementation of the 69 industrial cooperation projects worth "
                   "US$ 3.1 billion, creating more than 14.7 thousand jobs; keep the itemised "
                   "list of projects up to date for the next meeting.",
        "text_ru": "Обеспечить реализацию 69 проектов промышленной кооперации стоимостью "
                   "3,1 млрд долларов США с созданием более 14,7 тыс. рабочих мест; к "
                   "следующему заседанию актуализировать перечень проектов.",
        "leads": {"KZ": ("kz-mic", ["kz-mti"]), "UZ": ("uz-miit", [])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-03", "meeting": 21, "paragraph": "3", "sector": "industry",
        "access_tier": "official", "provenance": "sourced", "state": "reported",
        "title_en": "Support the electrometallurgical plant in Taraz",
        "title_ru": "Содействовать строительству электрометаллургического завода в Таразе",
        "text_en": "Support the construction of the electrometallurgical plant in Taraz with a "
                   "capacity of 500 thousand tonnes of steel products a year.",
        "text_ru": "Оказать содействие в строительстве электрометаллургического завода в "
                   "г. Тараз мощностью 500 тыс. тонн стальной продукции в год.",
        "leads": {"KZ": ("kz-mic", []), "UZ": ("uz-miit", ["uz-asia-metal-prof"])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-04", "meeting": 21, "paragraph": "4", "sector": "investment",
        "access_tier": "public", "provenance": "sourced", "state": "extended",
        "title_en": "Build the International Center for Industrial Cooperation \"Central Asia\"",
        "title_ru": "Реализовать проект Международного центра промышленной кооперации "
                    "«Центральная Азия»",
        "text_en": "Continue the construction of the International Center for Industrial "
                   "Cooperation \"Central Asia\" with an area of 100 hectares in the Turkestan "
                   "region of Kazakhstan and the Syrdarya region of Uzbekistan.",
        "text_ru": "Продолжить строительство Международного центра промышленной кооперации "
                   "«Центральная Азия» площадью 100 гектаров в Туркестанской области Казахстана "
                   "и Сырдарьинской области Узбекистана.",
        "leads": {"KZ": ("kz-mti", ["kz-tcl"]), "UZ": ("uz-miit", [])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-05", "meeting": 21, "paragraph": "5", "sector": "industry",
        "access_tier": "official", "provenance": "sourced", "state": "returned",
        "title_en": "Increase mutual supplies of electrical products and batteries",
        "title_ru": "Наращивать взаимные поставки электротехнической продукции и аккумуляторов",
        "text_en": "In mechanical engineering, increase the volume of mutual supplies of "
                   "electrical products and batteries every year.",
        "text_ru": "В сфере машиностроения ежегодно наращивать объёмы взаимных поставок "
                   "электротехнической продукции и аккумуляторных батарей.",
        "leads": {"KZ": ("kz-mic", ["kz-mti"]), "UZ": ("uz-miit", [])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-06", "meeting": 21, "paragraph": "6", "sector": "transport",
        "access_tier": "public", "provenance": "sourced", "state": "on_time",
        "title_en": "Build the Darbaza–Maktaaral railway",
        "title_ru": "Реализовать проект железной дороги Дарбаза – Мактаарал",
        "text_en": "Implement the Darbaza–Maktaaral railway project to expand interconnections "
                   "and increase cargo turnover.",
        "text_ru": "Реализовать проект строительства железной дороги Дарбаза – Мактаарал в "
                   "целях расширения транспортных связей и роста грузооборота.",
        "leads": {"KZ": ("kz-transport", ["kz-ktz"]), "UZ": ("uz-transport", ["uz-uty"])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-07", "meeting": 21, "paragraph": "7", "sector": "transport",
        "access_tier": "official", "provenance": "sourced", "state": "overdue",
        "title_en": "Implement the Almaty ring road and Dostyk station projects",
        "title_ru": "Реализовать проекты «Алматинская кольцевая дорога» и «Станция Достык»",
        "text_en": "Implement the Almaty ring road and Dostyk station projects to develop "
                   "railway infrastructure and remove bottlenecks.",
        "text_ru": "Реализовать проекты «Алматинская кольцевая дорога» и «Станция Достык» в "
                   "целях развития железнодорожной инфраструктуры и устранения узких мест.",
        "leads": {"KZ": ("kz-transport", ["kz-ktz"]), "UZ": ("uz-transport", ["uz-uty"])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-08", "meeting": 21, "paragraph": "8", "sector": "transport",
        "access_tier": "official", "provenance": "sourced", "state": "accepted",
        "title_en": "Remove bottlenecks at the border railway crossings",
        "title_ru": "Устранить узкие места на приграничных железнодорожных переходах",
        "text_en": "Take measures to eliminate bottlenecks in rail freight between the two "
                   "countries and report on the increase in cargo turnover.",
        "text_ru": "Принять меры по устранению узких мест в железнодорожных грузоперевозках "
                   "между странами и проинформировать о росте грузооборота.",
        "leads": {"KZ": ("kz-ktz", ["kz-transport"]), "UZ": ("uz-uty", ["uz-transport"])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-09", "meeting": 21, "paragraph": "9", "sector": "water",
        "access_tier": "public", "provenance": "sourced", "state": "partly_done",
        "title_en": "Digitalise and automate water distribution",
        "title_ru": "Цифровизировать и автоматизировать водораспределение",
        "text_en": "Take joint steps to digitalise and automate water distribution on the "
                   "territories of the two countries, including automated hydroposts on the "
                   "Syr Darya and the online exchange of meter data.",
        "text_ru": "Принять совместные меры по цифровизации и автоматизации участков "
                   "водораспределения на территориях двух стран, включая автоматизированные "
                   "гидропосты на реке Сырдарья и онлайн-обмен данными учёта.",
        "leads": {"KZ": ("kz-water", []), "UZ": ("uz-water", [])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-10", "meeting": 21, "paragraph": "10", "sector": "water",
        "access_tier": "restricted", "provenance": "illustrative", "state": "reported",
        "title_en": "Agree the growing-season water schedule of the Dostyk canal",
        "title_ru": "Согласовать график подачи воды по каналу Достык на вегетационный период",
        "text_en": "Agree, within the limits set by the ICWC, the dekada schedule of water "
                   "deliveries through the Dostyk interstate canal for the growing season.",
        "text_ru": "Согласовать в пределах лимитов МКВК подекадный график подачи воды по "
                   "межгосударственному каналу Достык на вегетационный период.",
        "leads": {"KZ": ("kz-water", []), "UZ": ("uz-water", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC21-11", "meeting": 21, "paragraph": "11", "sector": "energy",
        "access_tier": "official", "provenance": "illustrative", "state": "on_time",
        "title_en": "Prepare an agreement on mutual electricity supplies",
        "title_ru": "Подготовить соглашение о взаимных поставках электроэнергии",
        "text_en": "Prepare a draft agreement on mutual supplies and transit of electricity "
                   "for the autumn–winter period.",
        "text_ru": "Подготовить проект соглашения о взаимных поставках и транзите "
                   "электроэнергии в осенне-зимний период.",
        "leads": {"KZ": ("kz-energy", []), "UZ": ("uz-energy", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC21-12", "meeting": 21, "paragraph": "12", "sector": "agriculture",
        "access_tier": "official", "provenance": "sourced", "state": "accepted",
        "title_en": "Increase trade in agro-industrial and food products",
        "title_ru": "Увеличить торговлю продукцией АПК и пищевой промышленности",
        "text_en": "Increase trade in agro-industrial and food products and raise the level of "
                   "industrial cooperation in the food industry.",
        "text_ru": "Увеличить торговлю продукцией агропромышленного комплекса и пищевой "
                   "промышленности и повысить уровень промышленной кооперации в пищевой "
                   "отрасли.",
        "leads": {"KZ": ("kz-agriculture", ["kz-mti"]), "UZ": ("uz-agriculture", [])},
        "source": SOURCE_RELEASE,
    },
    {
        "control_number": "IGC21-13", "meeting": 21, "paragraph": "13", "sector": "ecology",
        "access_tier": "official", "provenance": "illustrative", "state": "removed",
        "title_en": "Hold a joint environmental monitoring of the Syr Darya",
        "title_ru": "Провести совместный экологический мониторинг реки Сырдарья",
        "text_en": "Hold a joint sampling campaign on water quality in the Syr Darya basin and "
                   "exchange the results.",
        "text_ru": "Провести совместный отбор проб качества воды в бассейне реки Сырдарья и "
                   "обменяться результатами.",
        "leads": {"KZ": ("kz-ecology", []), "UZ": ("uz-ecology", [])},
        "source": ILLUSTRATIVE,
        "removal_basis": "Executed: the results were exchanged by note of 10 February 2025 "
                         "(illustrative).",
    },
    {
        "control_number": "IGC21-14", "meeting": 21, "paragraph": "14",
        "sector": "digitalisation", "access_tier": "official", "provenance": "illustrative",
        "state": "returned",
        "title_en": "Exchange electronic customs and phytosanitary documents",
        "title_ru": "Обеспечить обмен электронными таможенными и фитосанитарными документами",
        "text_en": "Launch the exchange of electronic customs and phytosanitary certificates "
                   "between the two countries' information systems.",
        "text_ru": "Запустить обмен электронными таможенными и фитосанитарными сертификатами "
                   "между информационными системами двух стран.",
        "leads": {"KZ": ("kz-digital", ["kz-mti"]), "UZ": ("uz-digital", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC21-15", "meeting": 21, "paragraph": "15", "sector": "trade",
        "access_tier": "restricted", "provenance": "illustrative", "state": "overdue",
        "title_en": "Reconcile the mutual trade statistics",
        "title_ru": "Провести сверку данных взаимной торговли",
        "text_en": "The statistics offices shall reconcile their figures of mutual trade for "
                   "2023 and explain the differences between them.",
        "text_ru": "Органам статистики провести сверку данных взаимной торговли за 2023 год и "
                   "объяснить расхождения.",
        "leads": {"KZ": ("kz-stat", ["kz-mti"]), "UZ": ("uz-stat", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC21-16", "meeting": 21, "paragraph": "16", "sector": None,
        "access_tier": "official", "provenance": "illustrative", "state": "due_soon",
        "title_en": "Prepare the 22nd meeting of the commission",
        "title_ru": "Подготовить двадцать второе заседание комиссии",
        "text_en": "The secretariats shall agree the date, place and agenda of the next "
                   "meeting through diplomatic channels.",
        "text_ru": "Секретариатам согласовать дату, место и повестку следующего заседания по "
                   "дипломатическим каналам.",
        "leads": {"KZ": ("kz-secretariat", ["kz-mfa"]), "UZ": ("uz-secretariat", ["uz-mfa"])},
        "source": ILLUSTRATIVE,
    },
    # The heads of state's instruction, as the release quotes it.
    {
        "control_number": "HOS-2024-01", "meeting": None, "paragraph": None, "sector": "trade",
        "source_kind": "summit", "access_tier": "public", "provenance": "sourced",
        "state": "standing",
        "title_en": "Bring mutual trade to US$ 10 billion in the medium term",
        "title_ru": "Довести объём взаимной торговли до 10 млрд долларов США в среднесрочной "
                    "перспективе",
        "text_en": "The Heads of the two states have tasked the governments with bringing the "
                   "volume of mutual trade to US$ 10 billion in the medium term.",
        "text_ru": "Главы двух государств поручили правительствам довести объём взаимной "
                   "торговли до 10 млрд долларов США в среднесрочной перспективе.",
        "leads": {"KZ": ("kz-mti", ["kz-government"]), "UZ": ("uz-miit", ["uz-government"])},
        "source": SOURCE_RELEASE + ", quoting Olzhas Bektenov; the date of the instruction "
                  "is not given (the release's date is used)",
    },
    # The 20th meeting (illustrative): two decisions still open today, carried over to the 21st
    # (with those accepted only in December 2024, four were open when the 21st met).
    {
        "control_number": "IGC20-04", "meeting": 20, "paragraph": "4", "sector": "transport",
        "access_tier": "official", "provenance": "illustrative", "state": "carried_overdue",
        "title_en": "Raise the capacity of the border crossing points",
        "title_ru": "Увеличить пропускную способность пунктов пропуска",
        "text_en": "Work out measures to raise the capacity of the automobile and railway "
                   "border crossing points.",
        "text_ru": "Проработать меры по увеличению пропускной способности автомобильных и "
                   "железнодорожных пунктов пропуска.",
        "leads": {"KZ": ("kz-transport", []), "UZ": ("uz-transport", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC20-05", "meeting": 20, "paragraph": "5", "sector": "water",
        "access_tier": "official", "provenance": "illustrative", "state": "accepted",
        "title_en": "Agree the exchange of data from the automated hydroposts on the Syr Darya",
        "title_ru": "Согласовать обмен данными автоматизированных гидропостов на реке Сырдарья",
        "text_en": "Agree the procedure for exchanging online the readings of the automated "
                   "hydroposts on the Syr Darya (five in each country).",
        "text_ru": "Согласовать порядок онлайн-обмена показаниями автоматизированных "
                   "гидропостов на реке Сырдарья (по пять в каждой стране).",
        "leads": {"KZ": ("kz-water", []), "UZ": ("uz-water", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC20-07", "meeting": 20, "paragraph": "7", "sector": "trade",
        "access_tier": "official", "provenance": "illustrative", "state": "carried_open",
        "title_en": "Draw up a road map to US$ 10 billion of mutual trade",
        "title_ru": "Разработать дорожную карту по доведению товарооборота до 10 млрд "
                    "долларов США",
        "text_en": "Draw up a road map of measures to bring mutual trade to US$ 10 billion.",
        "text_ru": "Разработать дорожную карту мер по доведению взаимного товарооборота до "
                   "10 млрд долларов США.",
        "leads": {"KZ": ("kz-mti", []), "UZ": ("uz-miit", [])},
        "source": ILLUSTRATIVE,
    },
    {
        "control_number": "IGC20-09", "meeting": 20, "paragraph": "9", "sector": "agriculture",
        "access_tier": "official", "provenance": "illustrative", "state": "accepted",
        "title_en": "Agree the phytosanitary requirements for fruit and vegetables",
        "title_ru": "Согласовать фитосанитарные требования к плодоовощной продукции",
        "text_en": "Agree the phytosanitary requirements for mutual supplies of fruit and "
                   "vegetables.",
        "text_ru": "Согласовать фитосанитарные требования к взаимным поставкам плодоовощной "
                   "продукции.",
        "leads": {"KZ": ("kz-agriculture", []), "UZ": ("uz-agriculture", [])},
        "source": ILLUSTRATIVE,
    },
]

STATES["carried_overdue"] = {"due": datetime.date(2024, 3, 29),
                             "sides": {"KZ": "in_progress", "UZ": "in_progress"}}
STATES["carried_open"] = {"due": 90, "sides": {"KZ": "in_progress", "UZ": "not_started"}}

# Sides whose report on a decision that fell due before the demo came in late (after the due
# date); every other report on such a decision came in on time. Chosen so that the discipline
# page shows a mix: each side's agriculture ministry is on time once and late once.
LATE_REPORTS = {
    ("IGC21-08", "UZ"),
    ("IGC21-12", "UZ"),
    ("IGC20-09", "KZ"),
}
