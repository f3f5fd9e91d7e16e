"""Joint projects and the portfolio figures of the release.

The named projects come from the sources in facts.md §9. No official list of the 69 industrial
cooperation projects was published, so the demo fills the portfolio with illustrative projects
chosen so that the rules below compute exactly the release's figures:

- portfolio: 69 projects, US$ 3,100 M, 14,720 jobs planned (the release: "more than 14.7
  thousand");
- implemented (stage 4): 12 projects, US$ 217 M, 4,500 jobs created ("about 4.5 thousand");
- under way (stage 2): 3 projects, US$ 178 M (121.3 + 40 + 16.7).

A record with any illustrative figure (jobs planned or created that were not published) is
marked illustrative as a whole: the weakest of its figures decides, as it does for a figure
computed from records; its sources say which of its figures are published.

Everything here is a fixed list: the load never draws random numbers.
"""

import datetime

from . import water
from .directory import ILLUSTRATIVE, ILLUSTRATIVE_RU

IC = "industrial_cooperation"

# Each project: code, values, partners [(org, role)], locations [dict], milestones, decisions.
NAMED_PROJECTS = [
    # --- under way (stage 2), the 3 "investment projects worth $178 million" ----------------
    {
        "code": "IC-TARAZ", "kind": IC, "sector": "industry", "stage": 2,
        "title_en": "Electrometallurgical plant in Taraz",
        "title_ru": "Электрометаллургический завод в Таразе",
        "description_en": "A plant making 500 thousand tonnes of steel products a year "
                          "(billets, galvanised and coated sheet), built by Asia Metal Prof, "
                          "Uzbekistan's largest steel producer. Another source gives US$ 106.9 M "
                          "for its value. Jobs planned are illustrative.",
        "description_ru": "Завод мощностью 500 тыс. тонн стальной продукции в год (заготовка, "
                          "оцинкованный и окрашенный прокат), инвестор Asia Metal Prof. По "
                          "другому источнику стоимость 106,9 млн долл. США.",
        "value_planned": "121.3", "jobs_planned": 800,
        "capacity_value": "500000", "capacity_unit_en": "tonnes of steel products a year",
        "capacity_unit_ru": "тонн стальной продукции в год",
        "planned_end_on": datetime.date(2025, 12, 31),
        "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024 (US$ 121.3 M); GMK Center, 2024 (US$ 106.9 M); "
                   "the release of 12 Jul 2024 (500 thousand tonnes). Jobs planned: "
                   + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. (121,3 млн долл. США); GMK Center, 2024 (106,9 млн "
                      "долл. США); релиз от 12 июл. 2024 г. (500 тыс. тонн). Плановые рабочие "
                      "места: " + ILLUSTRATIVE_RU,
        "partners": [("uz-asia-metal-prof", "investor")],
        "locations": [{"side": "KZ", "region_en": "Zhambyl region", "region_ru": "Жамбылская "
                       "область", "place_en": "Taraz", "place_ru": "Тараз",
                       "latitude": "42.900000", "longitude": "71.366700", "approximate": True}],
        "decisions": ["IGC21-03", "IGC21-02"],
    },
    {
        "code": "IC-BILLET", "kind": IC, "sector": "industry", "stage": 2,
        "title_en": "Steel-billet plant", "title_ru": "Завод по производству стальной заготовки",
        "description_en": "A steel-billet plant of B.A. Holding, commissioning planned in 2025. "
                          "Jobs planned are illustrative.",
        "description_ru": "Завод стальной заготовки B.A. Holding, ввод запланирован на 2025 год.",
        "value_planned": "40", "jobs_planned": 400,
        "planned_end_on": datetime.date(2025, 12, 31),
        "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024. Jobs planned: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. Плановые рабочие места: " + ILLUSTRATIVE_RU,
        "partners": [("uz-ba-holding", "investor")],
        "locations": [],
        "decisions": ["IGC21-02"],
    },
    {
        "code": "IC-INFUSION", "kind": IC, "sector": "industry", "stage": 2,
        "title_en": "Infusion solutions plant in Shymkent",
        "title_ru": "Завод инфузионных растворов в Шымкенте",
        "description_en": "Construction launched in December 2022 by both presidents. The value "
                          "was not published: US$ 16.7 M is what remains of the US$ 178 M of "
                          "the three projects under way after the other two.",
        "description_ru": "Строительство начато в декабре 2022 года президентами двух стран. "
                          "Стоимость не опубликована: 16,7 млн долл. США — остаток от 178 млн "
                          "по трём реализуемым проектам.",
        "value_planned": "16.7", "jobs_planned": 300,
        "actual_start_on": datetime.date(2022, 12, 22),
        "provenance": "derived",
        "sources": "Kazinform, Dec 2022 (the project). Value derived: 178 − 121.3 − 40 = 16.7 "
                   "(the release; Kazinform 7 Aug 2024). Jobs planned: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, дек. 2022 г. (проект). Стоимость рассчитана: 178 − 121,3 − 40 "
                      "= 16,7 (релиз; Kazinform, 7 авг. 2024 г.). Плановые рабочие места: "
                      + ILLUSTRATIVE_RU,
        "partners": [],
        "locations": [{"side": "KZ", "region_en": "Shymkent", "region_ru": "Шымкент",
                       "place_en": "Shymkent", "place_ru": "Шымкент",
                       "latitude": "42.341700", "longitude": "69.590100", "approximate": True}],
        "decisions": ["IGC21-02"],
    },
    # --- implemented (stage 4): the five named in the sources --------------------------------
    {
        "code": "IC-CHEVROLET", "kind": IC, "sector": "industry", "stage": 4,
        "title_en": "Chevrolet car assembly in Kostanay",
        "title_ru": "Сборка автомобилей Chevrolet в Костанае",
        "description_en": "Assembly of Chevrolet cars by SaryarkaAvtoProm with UzAuto Motors.",
        "description_ru": "Сборка автомобилей Chevrolet, СарыаркаАвтоПром и UzAuto Motors.",
        "value_planned": "3.8", "jobs_created": 300, "provenance": "illustrative",
        "sources": "Kazinform, 26 Nov 2021; Kazinform, 7 Aug 2024. Jobs: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 26 нояб. 2021 г.; Kazinform, 7 авг. 2024 г. Рабочие места: "
                      + ILLUSTRATIVE_RU,
        "partners": [("kz-saryarkaavtoprom", "implementer"), ("uz-uzauto-motors", "investor")],
        "locations": [{"side": "KZ", "region_en": "Kostanay region",
                       "region_ru": "Костанайская область", "place_en": "Kostanay",
                       "place_ru": "Костанай"}],
    },
    {
        "code": "IC-ARTEL", "kind": IC, "sector": "industry", "stage": 4,
        "title_en": "Artel household appliances plant",
        "title_ru": "Завод бытовой техники Artel",
        "description_en": "Household appliances made by Artel in the Karaganda region.",
        "description_ru": "Производство бытовой техники Artel в Карагандинской области.",
        "value_planned": "54.2", "jobs_created": 900, "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024. Jobs: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. Рабочие места: " + ILLUSTRATIVE_RU,
        "partners": [("uz-artel", "investor")],
        "locations": [{"side": "KZ", "region_en": "Karaganda region",
                       "region_ru": "Карагандинская область"}],
    },
    {
        "code": "IC-MAN", "kind": IC, "sector": "industry", "stage": 4,
        "title_en": "MAN truck assembly in Kostanay", "title_ru": "Сборка грузовиков MAN в Костанае",
        "description_en": "Trucks assembled by SaryarkaAvtoProm with MAN Auto-Uzbekistan. The "
                          "value and jobs were not published and are illustrative.",
        "description_ru": "Сборка грузовиков MAN, СарыаркаАвтоПром и MAN Auto-Uzbekistan.",
        "value_planned": "15", "jobs_created": 250, "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024 (the project). Value and jobs: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. (проект). Стоимость и рабочие места: "
                      + ILLUSTRATIVE_RU,
        "partners": [("kz-saryarkaavtoprom", "implementer"), ("uz-man-auto", "investor")],
        "locations": [{"side": "KZ", "region_en": "Kostanay region",
                       "region_ru": "Костанайская область", "place_en": "Kostanay",
                       "place_ru": "Костанай"}],
    },
    {
        "code": "IC-NURAFSHON", "kind": IC, "sector": "agriculture", "stage": 4,
        "title_en": "Nurafshon farm machinery in Kostanay",
        "title_ru": "Производство сельхозтехники Nurafshon в Костанае",
        "description_en": "Farm machinery (tractors) made with Nurafshon. The value and jobs "
                          "were not published and are illustrative.",
        "description_ru": "Производство сельхозтехники (тракторов) с Nurafshon.",
        "value_planned": "8", "jobs_created": 200, "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024 (the project). Value and jobs: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. (проект). Стоимость и рабочие места: "
                      + ILLUSTRATIVE_RU,
        "partners": [("uz-nurafshon", "investor")],
        "locations": [{"side": "KZ", "region_en": "Kostanay region",
                       "region_ru": "Костанайская область", "place_en": "Kostanay",
                       "place_ru": "Костанай"}],
    },
    {
        "code": "IC-ECOTON", "kind": IC, "sector": "industry", "stage": 4,
        "title_en": "ECOTON-SHARQ aerated concrete plant in Angren",
        "title_ru": "Завод газобетона ECOTON-SHARQ в Ангрене",
        "description_en": "Aerated concrete blocks made in Angren, Uzbekistan.",
        "description_ru": "Производство газобетонных блоков в Ангрене (Узбекистан).",
        "value_planned": "12", "jobs_created": 150, "provenance": "illustrative",
        "sources": "Kazinform, 7 Aug 2024. Jobs: " + ILLUSTRATIVE,
        "sources_ru": "Kazinform, 7 авг. 2024 г. Рабочие места: " + ILLUSTRATIVE_RU,
        "partners": [("uz-ecoton-sharq", "implementer")],
        "locations": [{"side": "UZ", "region_en": "Tashkent region",
                       "region_ru": "Ташкентская область", "place_en": "Angren",
                       "place_ru": "Ангрен"}],
    },
    # --- beside the 69: infrastructure and transport ----------------------------------------
    {
        # Infrastructure for joint production, not one of the 69 production projects: the
        # release lists it apart, and counting it would break the 69 / $3.1 bn figures.
        "code": "ICIC-CA", "kind": "infrastructure", "sector": "investment", "stage": 2,
        "title_en": "International Center for Industrial Cooperation \"Central Asia\"",
        "title_ru": "Международный центр промышленной кооперации «Центральная Азия»",
        "description_en": "100 hectares, 50 on each side, at the Atameken (Kazakhstan) and "
                          "Gulistan (Uzbekistan) checkpoints; the intergovernmental agreement is "
                          "ratified; TCL Gr. is the Kazakh operator. By November 2025 eight "
                          "production buildings were up, with 185.1 billion tenge of planned "
                          "investment and 1,175 jobs; launch planned in 2026.",
        "description_ru": "100 гектаров, по 50 с каждой стороны, у пунктов пропуска Атамекен "
                          "(Казахстан) и Гулистан (Узбекистан); казахстанский оператор — TCL "
                          "Gr.; запуск запланирован на 2026 год.",
        "jobs_planned": 1175, "capacity_value": "100", "capacity_unit_en": "hectares",
        "capacity_unit_ru": "гектаров", "planned_end_on": datetime.date(2026, 12, 31),
        "provenance": "sourced",
        "sources": "The release of 12 Jul 2024; Kazinform, 25 Nov 2025; vlast.kz",
        "sources_ru": "Релиз от 12 июл. 2024 г.; Kazinform, 25 нояб. 2025 г.; vlast.kz",
        "partners": [("kz-tcl", "operator"), ("kz-mti", "government"),
                     ("uz-miit", "government")],
        "locations": [
            {"side": "KZ", "region_en": "Turkestan region", "region_ru": "Туркестанская область",
             "place_en": "Atameken checkpoint, Maktaaral district",
             "place_ru": "пункт пропуска Атамекен, Мактааральский район"},
            {"side": "UZ", "region_en": "Syrdarya region", "region_ru": "Сырдарьинская область",
             "place_en": "Gulistan checkpoint", "place_ru": "пункт пропуска Гулистан"},
        ],
        "decisions": ["IGC21-04"],
    },
    {
        "code": "TR-DARBAZA", "kind": "transport", "sector": "transport", "stage": 2,
        "title_en": "Darbaza–Maktaaral railway", "title_ru": "Железная дорога Дарбаза – Мактаарал",
        "description_en": "A 152 km new line from Darbaza (Shymkent–Saryagash line) to "
                          "Maktaaral at the Uzbek border, a new rail crossing towards Syrdarya "
                          "station; 20 million tonnes a year. 286 billion tenge (KTZ, January "
                          "2025; another figure: 162 billion), with AIIB and EBRD loans. Started "
                          "at the end of 2023, completion planned 2026–27; 20 km of track laid "
                          "by February 2026.",
        "description_ru": "Новая линия 152 км от Дарбазы до Мактаарала на границе с "
                          "Узбекистаном; 20 млн тонн в год; 286 млрд тенге (КТЖ, январь 2025; "
                          "другая оценка — 162 млрд); займы АБИИ и ЕБРР.",
        "capacity_value": "152", "capacity_unit_en": "km of new railway line",
        "capacity_unit_ru": "км новой железнодорожной линии",
        "planned_end_on": datetime.date(2027, 12, 31), "provenance": "sourced",
        "sources": "kazpravda, 4 Sep 2025; baq.kz, 25 Nov 2025; kun.uz, 6 Jan 2025",
        "sources_ru": "«Казахстанская правда», 4 сент. 2025 г.; baq.kz, 25 нояб. 2025 г.; kun.uz, "
                      "6 янв. 2025 г.",
        "partners": [("kz-ktz", "implementer"), ("aiib", "financier"), ("ebrd", "financier"),
                     ("uz-uty", "customer")],
        "locations": [
            {"side": "KZ", "region_en": "Turkestan region", "region_ru": "Туркестанская область",
             "place_en": "Darbaza", "place_ru": "Дарбаза"},
            {"side": "KZ", "region_en": "Turkestan region", "region_ru": "Туркестанская область",
             "place_en": "Maktaaral", "place_ru": "Мактаарал"},
        ],
        "milestones": [
            ("Construction started", "Начало строительства", datetime.date(2023, 12, 31), "met"),
            ("20 km of track laid", "Уложено 20 км пути", datetime.date(2026, 2, 28), "met"),
            ("Line completed", "Завершение строительства", datetime.date(2027, 12, 31),
             "scheduled"),
        ],
        "decisions": ["IGC21-06"],
    },
    {
        "code": "TR-ALMATY-BYPASS", "kind": "transport", "sector": "transport", "stage": 2,
        "title_en": "Almaty ring road (Almaty railway bypass)",
        "title_ru": "Алматинская кольцевая дорога (железнодорожный обход Алматы)",
        "description_en": "Read as the Almaty railway bypass (Kazybek Bek – Zhetygen, a 75 km "
                          "line, completion end 2025, commissioning 2026), listed with "
                          "Darbaza–Maktaaral and Dostyk as rail projects of the "
                          "China–Kazakhstan–Uzbekistan route. The other reading is the BAKAD "
                          "motorway (66 km, PPP, opened 16 June 2023).",
        "description_ru": "Понимается как железнодорожный обход Алматы (Казыбек бек – Жетыген, "
                          "75 км). Другое прочтение — автодорога БАКАД (66 км, ГЧП, открыта "
                          "16 июня 2023 года).",
        "capacity_value": "75", "capacity_unit_en": "km of railway line",
        "capacity_unit_ru": "км железнодорожной линии",
        "planned_end_on": datetime.date(2025, 12, 31), "provenance": "sourced",
        "sources": "primeminister.kz (20th session); nur-news, Nov 2024; kppf.kz",
        "sources_ru": "primeminister.kz (20-е заседание); nur.kz, нояб. 2024 г.; kppf.kz",
        "partners": [("kz-ktz", "implementer")],
        "locations": [{"side": "KZ", "region_en": "Almaty region",
                       "region_ru": "Алматинская область"}],
        "decisions": ["IGC21-07"],
    },
    {
        "code": "TR-DOSTYK", "kind": "transport", "sector": "transport", "stage": 4,
        "title_en": "Dostyk station and the Dostyk–Moiynty second track",
        "title_ru": "Станция Достык и вторые пути Достык – Мойынты",
        "description_en": "The Dostyk station on the Kazakhstan–China border, with the "
                          "Dostyk–Moiynty second track (836 km, fully opened on 30 September "
                          "2025, from 12 to 60 train pairs a day).",
        "description_ru": "Станция Достык на казахстанско-китайской границе и вторые пути "
                          "Достык – Мойынты (836 км, полностью открыты 30 сентября 2025 года).",
        "capacity_value": "836", "capacity_unit_en": "km of second track",
        "capacity_unit_ru": "км вторых путей", "actual_end_on": datetime.date(2025, 9, 30),
        "provenance": "sourced",
        "sources": "primeminister.kz (20th session); Kazinform, 2025",
        "sources_ru": "primeminister.kz (20-е заседание); Kazinform, 2025",
        "partners": [("kz-ktz", "implementer")],
        "locations": [{"side": "KZ", "region_en": "Zhetysu region",
                       "region_ru": "Жетысуская область", "place_en": "Dostyk",
                       "place_ru": "Достык"}],
        "decisions": ["IGC21-07"],
    },
]

# The Syr Darya gauges of the water demo where the hydroposts project is placed, with their
# regions: the sources do not say where the 10 hydroposts stand, so these are approximate.
HYDROPOST_GAUGES = {
    "chinaz": ("Tashkent region", "Ташкентская область"),
    "kokbulak": ("Turkestan region", "Туркестанская область"),
    "shardara-release": ("Turkestan region", "Туркестанская область"),
}


def hydropost_locations() -> list[dict]:
    """The project's locations at the water demo's Syr Darya gauges (their coordinates)."""
    return [
        {"side": side, "region_en": HYDROPOST_GAUGES[code][0],
         "region_ru": HYDROPOST_GAUGES[code][1], "place_en": en, "place_ru": ru,
         "latitude": f"{lat:.6f}", "longitude": f"{lon:.6f}", "approximate": True}
        for code, en, ru, _kind, side, lat, lon, _provenance in water.SITES
        if code in HYDROPOST_GAUGES
    ]


# --- beside the 69: water (kind "water", so no industrial cooperation rule counts it) -------
NAMED_PROJECTS.append({
    "code": "WR-HYDROPOSTS", "kind": "water", "sector": "water", "stage": 2,
    "title_en": "Automated hydroposts on the Syr Darya",
    "title_ru": "Автоматизированные гидропосты на реке Сырдарья",
    "description_en": "Ten automated hydroposts on the Syr Darya, five in each country, and "
                      "the online exchange of their meter data between the two sides, as "
                      "Kazakhstan and Uzbekistan agreed. The stage and the places (the water "
                      "demo's Syr Darya gauges) are illustrative; value and jobs were not "
                      "published.",
    "description_ru": "Десять автоматизированных гидропостов на реке Сырдарья, по пять в "
                      "каждой стране, и онлайн-обмен их данными учёта между сторонами, как "
                      "договорились Казахстан и Узбекистан. Стадия и места (гидропосты "
                      "водного демо на Сырдарье) условны; стоимость и рабочие места не "
                      "опубликованы.",
    "capacity_value": "10", "capacity_unit_en": "automated hydroposts (5 per side)",
    "capacity_unit_ru": "автоматизированных гидропостов (по 5 с каждой стороны)",
    "provenance": "sourced",
    "sources": "facts.md §7 (10 automated hydroposts, 5 in each country; online meter data); "
               "the release of 12 Jul 2024 (IGC21-09). Stage and places: " + ILLUSTRATIVE,
    "sources_ru": "Справочник фактов bilat, § 7 (10 автоматизированных гидропостов, по 5 в "
                  "каждой стране; онлайн-обмен данными учёта); релиз от 12 июл. 2024 г. "
                  "(IGC21-09). Стадия и места: " + ILLUSTRATIVE_RU,
    "partners": [("kz-water", "implementer"), ("uz-water", "implementer")],
    "locations": hydropost_locations(),
    "decisions": ["IGC21-09"],
})

# The seven implemented projects no source names: (title_en, title_ru, sector, US$ M, jobs).
ILLUSTRATIVE_IMPLEMENTED = [
    ("Joint production of power cables", "Совместное производство силовых кабелей",
     "industry", "22.5", 450),
    ("Joint production of knitwear", "Совместное производство трикотажа", "industry", "18", 600),
    ("Joint production of ceramic bricks", "Совместное производство керамического кирпича",
     "industry", "16.4", 350),
    ("Joint production of generic medicines", "Совместное производство дженериков",
     "industry", "20.1", 400),
    ("Joint processing of fruit and vegetables", "Совместная переработка плодоовощной продукции",
     "agriculture", "14", 300),
    ("Joint production of power transformers", "Совместное производство силовых "
     "трансформаторов", "industry", "17.5", 350),
    ("Joint production of polymer pipes", "Совместное производство полимерных труб",
     "industry", "15.5", 250),
]

# The 54 projects in the pipeline (stage 1): (title_en, title_ru, sector).
PIPELINE = [
    ("Joint production of passenger car components", "автокомпонентов", "industry"),
    ("Joint production of truck bodies and trailers", "кузовов и прицепов", "industry"),
    ("Joint production of bus assembly kits", "автобусных сборочных комплектов", "industry"),
    ("Joint production of agricultural tractors", "сельскохозяйственных тракторов", "industry"),
    ("Joint production of combine harvesters", "зерноуборочных комбайнов", "industry"),
    ("Joint production of lead-acid batteries", "свинцово-кислотных аккумуляторов", "industry"),
    ("Joint production of lithium-ion battery packs", "литий-ионных батарей", "industry"),
    ("Joint production of household refrigerators", "бытовых холодильников", "industry"),
    ("Joint production of washing machines", "стиральных машин", "industry"),
    ("Joint production of air conditioners", "кондиционеров", "industry"),
    ("Joint production of cables and wires", "кабельно-проводниковой продукции", "industry"),
    ("Joint production of electric motors", "электродвигателей", "industry"),
    ("Joint production of distribution transformers", "распределительных трансформаторов",
     "industry"),
    ("Joint production of LED lighting", "светодиодного освещения", "industry"),
    ("Joint production of electricity meters", "счётчиков электроэнергии", "industry"),
    ("Joint production of galvanised steel sheet", "оцинкованного проката", "industry"),
    ("Joint production of steel pipes", "стальных труб", "industry"),
    ("Joint production of copper wire rod", "медной катанки", "industry"),
    ("Joint production of aluminium profiles", "алюминиевого профиля", "industry"),
    ("Joint production of zinc alloys", "цинковых сплавов", "industry"),
    ("Joint production of ferroalloys", "ферросплавов", "industry"),
    ("Joint production of cement", "цемента", "industry"),
    ("Joint production of facing tiles", "облицовочной плитки", "industry"),
    ("Joint production of glass containers", "стеклотары", "industry"),
    ("Joint production of flat glass", "листового стекла", "industry"),
    ("Joint production of gypsum board", "гипсокартона", "industry"),
    ("Joint production of polyethylene film", "полиэтиленовой плёнки", "industry"),
    ("Joint production of PVC window profiles", "ПВХ-профиля", "industry"),
    ("Joint production of mineral fertilisers", "минеральных удобрений", "industry"),
    ("Joint production of paints and coatings", "лакокрасочных материалов", "industry"),
    ("Joint production of tyres", "шин", "industry"),
    ("Joint production of medical syringes", "медицинских шприцев", "industry"),
    ("Joint production of vaccines", "вакцин", "industry"),
    ("Joint production of cotton yarn", "хлопковой пряжи", "industry"),
    ("Joint production of denim fabric", "джинсовой ткани", "industry"),
    ("Joint production of leather footwear", "кожаной обуви", "industry"),
    ("Joint production of furniture", "мебели", "industry"),
    ("Joint production of fruit juices", "фруктовых соков", "agriculture"),
    ("Joint production of dried fruit", "сухофруктов", "agriculture"),
    ("Joint production of flour and pasta", "муки и макаронных изделий", "agriculture"),
    ("Joint production of confectionery", "кондитерских изделий", "agriculture"),
    ("Joint production of vegetable oil", "растительного масла", "agriculture"),
    ("Joint production of dairy products", "молочной продукции", "agriculture"),
    ("Joint production of meat products", "мясной продукции", "agriculture"),
    ("Joint production of animal feed", "комбикормов", "agriculture"),
    ("Joint greenhouse complex", "тепличного комплекса", "agriculture"),
    ("Joint cold-storage and logistics centre", "холодильно-логистического центра",
     "agriculture"),
    ("Joint production of sugar", "сахара", "agriculture"),
    ("Joint production of solar panels", "солнечных панелей", "energy"),
    ("Joint production of wind turbine towers", "башен ветроустановок", "energy"),
    ("Joint production of gas meters", "газовых счётчиков", "energy"),
    ("Joint production of drip irrigation systems", "систем капельного орошения", "water"),
    ("Joint production of water pumps", "насосного оборудования", "water"),
    ("Joint production of software for customs logistics", "ПО для таможенной логистики",
     "digitalisation"),
]

PIPELINE_VALUE_MUSD = "2705"  # 3,100 − 217 − 178
PIPELINE_JOBS = 8720  # 14,720 − 4,500 − (800 + 400 + 300)

# Regions the pipeline projects are spread over, alternating sides.
PIPELINE_REGIONS = [
    ("KZ", "Turkestan region", "Туркестанская область"),
    ("UZ", "Tashkent region", "Ташкентская область"),
    ("KZ", "Almaty region", "Алматинская область"),
    ("UZ", "Syrdarya region", "Сырдарьинская область"),
    ("KZ", "Zhambyl region", "Жамбылская область"),
    ("UZ", "Samarkand region", "Самаркандская область"),
    ("KZ", "Karaganda region", "Карагандинская область"),
    ("UZ", "Navoi region", "Навоийская область"),
]

# Portfolio rules: code, title_en, title_ru, kinds, stages, jobs basis, value basis.
AS_OF = datetime.date(2024, 7, 12)
# What every demo rule is, in words, in each language (description_en, _ru, _kk, _uz).
RULE_DESCRIPTION = {
    "en": "Demo rule reproducing the figures of the 21st meeting's release.",
    "ru": "Демонстрационное правило, воспроизводящее показатели релиза 21-го заседания.",
    "kk": "21-отырыс туралы релиздегі көрсеткіштерді қайталайтын демонстрациялық ереже.",
    "uz": "Namunaviy qoida: 21-majlis haqidagi relizdagi raqamlarni aynan beradi.",
}
RULES = [
    ("ic-portfolio", "Industrial cooperation portfolio", "Портфель промышленной кооперации",
     [IC], [1, 2, 3, 4], "planned", "planned"),
    ("ic-implemented", "Industrial cooperation projects implemented",
     "Реализованные проекты промкооперации", [IC], [4], "created", "planned"),
    ("ic-under-way", "Investment projects under way", "Реализуемые инвестиционные проекты",
     [IC], [2], "planned", "planned"),
    ("ic-pipeline", "Industrial cooperation projects in negotiation",
     "Проекты промкооперации в проработке", [IC], [1], "planned", "planned"),
]

# Who reported a figure, and where: each source in English and in Russian.
RELEASE = ("primeminister.kz, 12 Jul 2024 (release of the 21st meeting)",
           "primeminister.kz, 12 июл. 2024 г. (релиз 21-го заседания)")
KAZINFORM_AUG = ("Kazinform, 7 Aug 2024 (Deputy Prime Minister)",
                 "Kazinform, 7 авг. 2024 г. (заместитель премьер-министра)")
KAZINFORM_FM = ("Kazinform, 7 Aug 2024 (Deputy Foreign Minister)",
                "Kazinform, 7 авг. 2024 г. (заместитель министра иностранных дел)")
BUSINESS_FORUM = ("Business forum, October 2024", "Бизнес-форум, окт. 2024 г.")

# A figure's note in each language the demo writes it in (en, ru, kk, uz).
MORE_THAN_14_7K_JOBS = ("more than 14.7 thousand jobs", "более 14,7 тыс. рабочих мест",
                        "14,7 мыңнан астам жұмыс орны", "14,7 mingdan ortiq ish oʻrni")
ABOUT_4_5K_JOBS = ("about 4.5 thousand jobs", "около 4,5 тыс. рабочих мест",
                   "шамамен 4,5 мың жұмыс орны", "taxminan 4,5 ming ish oʻrni")
MORE_THAN_178M = ("more than US$ 178 million", "более 178 млн долл. США",
                  "178 млн АҚШ долларынан астам", "178 mln AQSh dollaridan ortiq")
SAME_DAY = ("the same day, a different count", "в тот же день, другой подсчёт",
            "сол күні, басқа есеп", "oʻsha kuni, boshqa hisob")
IN_NEGOTIATION = ("in negotiation", "в проработке", "пысықталуда", "ishlab chiqilmoqda")
MONTH_ONLY = ("reported in October 2024 (the day is not given: dated the first of the month)",
              "сообщено в октябре 2024 г. (день не указан: датировано первым числом месяца)",
              "2024 жылғы қазанда хабарланған (күні көрсетілмеген: айдың бірінші күнімен "
              "белгіленді)",
              "2024-yil oktabrda maʼlum qilingan (kuni koʻrsatilmagan: oyning birinchi kuni "
              "bilan belgilangan)")
NO_NOTE = ("", "", "", "")
# The note of the figures the demo computes when it loads.
COMPUTED_NOTE = ("Computed when the demo was loaded", "Рассчитано при загрузке демоданных",
                 "Демо деректер жүктелген кезде есептелді",
                 "Demo maʼlumotlar yuklanganda hisoblangan")

# Figures reported by officials: rule, count, US$ M, jobs, reported_on, source (en, ru),
# reported by, note (en, ru, kk, uz).
REPORTED = [
    ("ic-portfolio", 69, "3100", 14700, datetime.date(2024, 7, 12), RELEASE, "kz-government",
     MORE_THAN_14_7K_JOBS),
    ("ic-implemented", 12, "217", 4500, datetime.date(2024, 7, 12), RELEASE, "kz-government",
     ABOUT_4_5K_JOBS),
    ("ic-under-way", 3, "178", None, datetime.date(2024, 7, 12), RELEASE, "kz-government",
     NO_NOTE),
    ("ic-portfolio", 69, "3100", None, datetime.date(2024, 8, 7), KAZINFORM_AUG,
     "kz-government", NO_NOTE),
    ("ic-implemented", 12, "217", None, datetime.date(2024, 8, 7), KAZINFORM_AUG,
     "kz-government", NO_NOTE),
    ("ic-under-way", 3, "178", None, datetime.date(2024, 8, 7), KAZINFORM_AUG,
     "kz-government", MORE_THAN_178M),
    ("ic-portfolio", 60, "2600", None, datetime.date(2024, 8, 7), KAZINFORM_FM, None, SAME_DAY),
    ("ic-implemented", 11, "144", None, datetime.date(2024, 8, 7), KAZINFORM_FM, None, NO_NOTE),
    ("ic-under-way", 3, "181", None, datetime.date(2024, 8, 7), KAZINFORM_FM, None, NO_NOTE),
    ("ic-pipeline", 46, "2300", None, datetime.date(2024, 8, 7), KAZINFORM_FM, None,
     IN_NEGOTIATION),
    ("ic-portfolio", 74, "3400", None, datetime.date(2024, 10, 1), BUSINESS_FORUM, None,
     MONTH_ONLY),
]

# Places for the map (facts.md §10): town- or station-level coordinates, about ±15 km, not any
# project's site; locations placed by them are marked approximate. place_en → (lat, lon).
PLACES = {
    "Taraz": ("42.90", "71.37"),
    "Shymkent": ("42.32", "69.60"),
    "Kostanay": ("53.21", "63.63"),
    "Angren": ("41.02", "70.14"),
    "Atameken checkpoint, Maktaaral district": ("40.66", "68.55"),
    "Gulistan checkpoint": ("40.49", "68.78"),
    "Darbaza": ("42.1", "69.3"),
    "Maktaaral": ("40.66", "68.55"),
    "Dostyk": ("45.25", "82.48"),
}
# Where a location names only its region: the region's administrative centre, approximate.
# Karaganda, Zhambyl (Taraz), Syrdarya (Gulistan) and Almaty are from facts.md §10; the others
# are the centres' commonly published town coordinates, rounded like those of §10.
REGION_CENTRES = {
    "Karaganda region": ("49.80", "73.10"),
    "Zhambyl region": ("42.90", "71.37"),
    "Syrdarya region": ("40.49", "68.78"),
    "Almaty region": ("43.24", "76.95"),
    "Turkestan region": ("43.30", "68.25"),
    "Tashkent region": ("41.04", "69.36"),
    "Samarkand region": ("39.65", "66.96"),
    "Navoi region": ("40.10", "65.38"),
    "Zhetysu region": ("45.02", "78.37"),
    "Kostanay region": ("53.21", "63.63"),
}


def coordinates(location: dict) -> tuple[str | None, str | None, bool]:
    """A demo location's (latitude, longitude, approximate): its own coordinates when the data
    give them, else its place's, else its region centre's (both approximate)."""
    if location.get("latitude") and location.get("longitude"):
        return location["latitude"], location["longitude"], bool(location.get("approximate"))
    if location.get("place_en") in PLACES:
        return (*PLACES[location["place_en"]], True)
    if location.get("region_en") in REGION_CENTRES:
        return (*REGION_CENTRES[location["region_en"]], True)
    return None, None, False
