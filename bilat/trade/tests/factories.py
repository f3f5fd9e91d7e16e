"""Tiny hand-checked statistics files in each format the loaders read."""

from pathlib import Path

BACI_HEADER = "t,i,j,k,v,q"
COMTRADE_HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,flowCode,"
    "partnerCode,partnerISO,partner2Code,classificationCode,cmdCode,aggrLevel,customsCode,"
    "motCode,qty,qtyUnitAbbr,netWgt,cifvalue,fobvalue,primaryValue"
)
NATIONAL_HEADER = "reporter,partner,period,exports,imports,turnover,unit,basis,flag,vintage,source,note"


def write(path: Path, header: str, *lines: str) -> Path:
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path


def baci(tmp: Path, *lines: str, name: str = "BACI_HS17_Y2022_V202401.csv") -> Path:
    """KZ (398) and UZ (860) trade in BACI's shape: thousand US$, tonnes."""
    return write(tmp / name, BACI_HEADER, *(lines or (
        "2022,398,860,100199,1000.5,2000",
        "2022,398,860,010121,20,NA",
        "2022,860,398,870899,300,15.5",
        "2022,398,417,100199,50,100",
    )))


def comtrade(tmp: Path, *lines: str) -> Path:
    """Kazakhstan's report of 2022 trade with Uzbekistan, with breakdown rows to be dropped."""
    return write(tmp / "comtrade.csv", COMTRADE_HEADER, *(lines or (
        "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,0,,,,,3000000000,3000000000",
        "C,A,20220101,2022,52,2022,398,KAZ,M,860,UZB,0,H5,TOTAL,0,C00,0,,,,1200000000,,1200000000",
        "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C01,0,,,,,999,999",
        "C,A,20220101,2022,52,2022,398,KAZ,X,860,UZB,0,H5,TOTAL,0,C00,9000,,,,,888,888",
        "C,A,20220101,2022,52,2022,398,KAZ,DX,860,UZB,0,H5,TOTAL,0,C00,0,,,,,777,777",
        "C,A,20220101,2022,52,2022,398,KAZ,RX,860,UZB,0,H5,TOTAL,0,C00,0,,,,,5000000,5000000",
        "C,A,20220101,2022,52,2022,398,KAZ,X,842,USA,0,H5,100199,6,C00,0,10,t,10000,,7000000,7000000",
    )))


def national(tmp: Path, *lines: str, name: str = "national.csv") -> Path:
    return write(tmp / name, NATIONAL_HEADER, *(lines or (
        "KZ,UZ,2023,3100,1300,4400,million USD,KZ,,2024-07-12,Kazakh statistics,",
        "UZ,KZ,2024-01/2024-04,,,1200,million USD,UZ,,2024-06-08,Trend,",
    )))
