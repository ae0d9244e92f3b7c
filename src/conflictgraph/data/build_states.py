"""Build ``states.csv``: ISO 3166-1 codes and official names from pycountry, plus our own table.

Run from the repository root after changing the table below (or after a pycountry update)::

    .venv/bin/python src/conflictgraph/data/build_states.py

pycountry gives the alpha-3 code, its own short name and the official name. Everything an analyst
reads in news (the common short name, other names, demonyms, capitals used as metonyms for the
government, Wikidata ids) comes from ``TABLE`` below, written by hand. ``tests/resolve`` checks
that the committed CSV is what this script writes.

Which rows: every sovereign state in ISO 3166-1 (the UN members, the Holy See, Palestine and
Taiwan), Kosovo (``XKX``, a user-assigned code in common use), and the few dependent territories
that are parties to disputes or conflicts news covers. The other dependent territories are listed
in ``SKIPPED``: they are rarely actors, and several of their names are ordinary words or parts of
other names ("Jersey" in "New Jersey", "Réunion", "Saint Martin").
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

__all__ = [
    "HEADER",
    "SKIPPED",
    "StateRow",
    "build_rows",
    "main",
    "parse_table",
    "render_csv",
    "shared_forms",
]

HEADER = ("iso3", "name", "official_name", "aliases", "demonyms", "capitals", "wikidata")

OUT = Path(__file__).with_name("states.csv")

# Dependent territories of ISO 3166-1 that are left out on purpose (see the module docstring).
SKIPPED = frozenset(
    {
        "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW",
        "CXR", "CYM", "FRO", "GGY", "GLP", "GUF", "HMD", "IMN", "JEY", "MAF", "MNP", "MSR", "MTQ",
        "MYT", "NFK", "NIU", "PCN", "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL",
        "UMI", "VGB", "VIR", "WLF",
    }
)  # fmt: skip

# Codes used in news that ISO 3166-1 does not assign: code -> official name.
EXTRA_CODES = {"XKX": "Republic of Kosovo"}

# Official names where pycountry has none or one that is not the state's own.
OFFICIAL = {
    "AUS": "Commonwealth of Australia",
    "COD": "Democratic Republic of the Congo",
    "KNA": "Federation of Saint Kitts and Nevis",
    "KOR": "Republic of Korea",
    "LAO": "Lao People's Democratic Republic",
    "MMR": "Republic of the Union of Myanmar",
    "RUS": "Russian Federation",
    "SYR": "Syrian Arab Republic",
    "TWN": "Republic of China",
    "VAT": "Holy See",
}

# pycountry short names that must not become aliases (they name another state in news).
NOT_ALIASES = {"COG": {"Congo"}}

# Rows listed after all others: on a surface form two rows share, the loader keeps the earlier
# row, and "Dominican" in news is almost always the Dominican Republic, not Dominica.
LAST = ("DMA",)

# One row a line: iso3; name; aliases; demonyms; capitals; wikidata. Lists are |-separated.
# A line that starts with white space continues the line above.
# Wikidata ids are given only where checked; a wrong id is worse than none.
TABLE = """
AFG; Afghanistan; Islamic Emirate of Afghanistan; Afghan; Kabul; Q889
AGO; Angola; ; Angolan; Luanda; Q916
ALB; Albania; ; Albanian; Tirana; Q222
AND; Andorra; ; Andorran; Andorra la Vella; Q228
ARE; United Arab Emirates; UAE|U.A.E.|the Emirates; Emirati; Abu Dhabi; Q878
ARG; Argentina; ; Argentine|Argentinian|Argentinean; Buenos Aires; Q414
ARM; Armenia; ; Armenian; Yerevan; Q399
ATG; Antigua and Barbuda; Antigua; Antiguan|Barbudan; ; Q781
AUS; Australia; ; Australian; Canberra; Q408
AUT; Austria; ; Austrian; Vienna; Q40
AZE; Azerbaijan; ; Azerbaijani|Azeri; Baku; Q227
BDI; Burundi; ; Burundian; Gitega|Bujumbura; Q967
BEL; Belgium; ; Belgian; Brussels; Q31
BEN; Benin; ; Beninese; Porto-Novo|Cotonou; Q962
BFA; Burkina Faso; Burkina; Burkinabe|Burkinabè; Ouagadougou; Q965
BGD; Bangladesh; ; Bangladeshi; Dhaka; Q902
BGR; Bulgaria; ; Bulgarian; Sofia; Q219
BHR; Bahrain; ; Bahraini; Manama; Q398
BHS; Bahamas; ; Bahamian; Nassau; Q778
BIH; Bosnia and Herzegovina; Bosnia|Bosnia-Herzegovina|BiH; Bosnian|Herzegovinian; Sarajevo; Q225
BLR; Belarus; Byelorussia; Belarusian|Belarussian|Belorussian; Minsk; Q184
BLZ; Belize; ; Belizean; Belmopan; Q242
BOL; Bolivia; ; Bolivian; La Paz|Sucre; Q750
BRA; Brazil; ; Brazilian; Brasília|Brasilia; Q155
BRB; Barbados; ; Barbadian|Bajan; Bridgetown; Q244
BRN; Brunei; ; Bruneian; Bandar Seri Begawan; Q921
BTN; Bhutan; ; Bhutanese; Thimphu; Q917
BWA; Botswana; ; Motswana|Batswana|Botswanan; Gaborone; Q963
CAF; Central African Republic; CAR|C.A.R.; Central African; Bangui; Q929
CAN; Canada; ; Canadian; Ottawa; Q16
CHE; Switzerland; ; Swiss; Bern|Berne; Q39
CHL; Chile; ; Chilean; Santiago; Q298
CHN; China; PRC|P.R.C.; Chinese; Beijing; Q148
CIV; Ivory Coast; ; Ivorian; Yamoussoukro|Abidjan; Q1008
CMR; Cameroon; ; Cameroonian; Yaoundé|Yaounde; Q1009
COD; Democratic Republic of the Congo; DR Congo|DRC|D.R.C.|DR of Congo
    |Democratic Republic of Congo|Congo-Kinshasa|Congo|Zaire; Congolese; Kinshasa; Q974
COG; Republic of the Congo; Republic of Congo|Congo-Brazzaville; Congolese; Brazzaville; Q971
COL; Colombia; ; Colombian; Bogotá|Bogota; Q739
COM; Comoros; ; Comorian; Moroni; Q970
CPV; Cape Verde; ; Cape Verdean|Cabo Verdean; Praia; Q1011
CRI; Costa Rica; ; Costa Rican; San José; Q800
CUB; Cuba; ; Cuban; Havana; Q241
CYP; Cyprus; ; Cypriot|Greek Cypriot; Nicosia; Q229
CZE; Czech Republic; ; Czech; Prague; Q213
DEU; Germany; ; German; Berlin; Q183
DJI; Djibouti; ; Djiboutian; Djibouti City; Q977
DMA; Dominica; ; Dominican; Roseau; Q784
DNK; Denmark; ; Danish|Dane; Copenhagen; Q35
DOM; Dominican Republic; ; Dominican; Santo Domingo; Q786
DZA; Algeria; ; Algerian; Algiers; Q262
ECU; Ecuador; ; Ecuadorian|Ecuadorean; Quito; Q736
EGY; Egypt; ; Egyptian; Cairo; Q79
ERI; Eritrea; ; Eritrean; Asmara; Q986
ESH; Western Sahara; Sahrawi Arab Democratic Republic|Sahrawi Republic|SADR
    ; Sahrawi|Saharawi|Western Saharan; ; Q6250
ESP; Spain; ; Spanish|Spaniard; Madrid; Q29
EST; Estonia; ; Estonian; Tallinn; Q191
ETH; Ethiopia; ; Ethiopian; Addis Ababa; Q115
FIN; Finland; ; Finnish|Finn; Helsinki; Q33
FJI; Fiji; ; Fijian; Suva; Q712
FLK; Falkland Islands; Falklands|Malvinas|Islas Malvinas; Falkland Islander|Falklander; ; Q9648
FRA; France; ; French; Paris|the Élysée|the Elysee|Élysée Palace|Elysee Palace; Q142
FSM; Micronesia; ; Micronesian; Palikir; Q702
GAB; Gabon; ; Gabonese; Libreville; Q1000
GBR; United Kingdom; UK|U.K.|Britain|Great Britain; British|Briton|Brit
    ; London|Downing Street|Whitehall; Q145
GEO; Georgia; ; Georgian; Tbilisi; Q230
GHA; Ghana; ; Ghanaian; Accra; Q117
GIB; Gibraltar; ; Gibraltarian; ; Q1410
GIN; Guinea; Guinea-Conakry; Guinean; Conakry; Q1006
GMB; Gambia; ; Gambian; Banjul; Q1005
GNB; Guinea-Bissau; ; Bissau-Guinean; Bissau; Q1007
GNQ; Equatorial Guinea; ; Equatoguinean|Equatorial Guinean; Malabo; Q983
GRC; Greece; ; Greek|Hellenic; Athens; Q41
GRD; Grenada; ; Grenadian; ; Q769
GRL; Greenland; Kalaallit Nunaat; Greenlandic|Greenlander; Nuuk; Q223
GTM; Guatemala; ; Guatemalan; Guatemala City; Q774
GUM; Guam; ; Guamanian; ; Q16635
GUY; Guyana; ; Guyanese; Georgetown; Q734
HKG; Hong Kong; Hong Kong SAR|HKSAR; Hongkonger|Hong Konger; ; Q8646
HND; Honduras; ; Honduran; Tegucigalpa; Q783
HRV; Croatia; ; Croatian|Croat; Zagreb; Q224
HTI; Haiti; ; Haitian; Port-au-Prince; Q790
HUN; Hungary; ; Hungarian; Budapest; Q28
IDN; Indonesia; ; Indonesian; Jakarta; Q252
IND; India; Bharat; Indian; New Delhi|Delhi; Q668
IOT; British Indian Ocean Territory; Chagos Islands|Chagos Archipelago|BIOT; Chagossian; ;
IRL; Ireland; Republic of Ireland|Éire|Eire; Irish; Dublin; Q27
IRN; Iran; Persia; Iranian|Persian; Tehran|Teheran; Q794
IRQ; Iraq; ; Iraqi; Baghdad; Q796
ISL; Iceland; ; Icelandic|Icelander; Reykjavík|Reykjavik; Q189
ISR; Israel; ; Israeli; Jerusalem; Q801
ITA; Italy; ; Italian; Rome; Q38
JAM; Jamaica; ; Jamaican; Kingston; Q766
JOR; Jordan; ; Jordanian; Amman; Q810
JPN; Japan; ; Japanese; Tokyo; Q17
KAZ; Kazakhstan; Kazakstan; Kazakh|Kazakhstani; Astana|Nur-Sultan; Q232
KEN; Kenya; ; Kenyan; Nairobi; Q114
KGZ; Kyrgyzstan; Kirghizia; Kyrgyz|Kyrgyzstani|Kirghiz; Bishkek; Q813
KHM; Cambodia; ; Cambodian|Khmer; Phnom Penh; Q424
KIR; Kiribati; ; I-Kiribati; Tarawa|South Tarawa; Q710
KNA; Saint Kitts and Nevis; St Kitts and Nevis|St. Kitts and Nevis|Saint Kitts|St Kitts
    ; Kittitian|Nevisian; Basseterre; Q763
KOR; South Korea; ROK|R.O.K.; South Korean; Seoul; Q884
KWT; Kuwait; ; Kuwaiti; Kuwait City; Q817
LAO; Laos; Lao PDR; Lao|Laotian; Vientiane; Q819
LBN; Lebanon; ; Lebanese; Beirut; Q822
LBR; Liberia; ; Liberian; Monrovia; Q1014
LBY; Libya; ; Libyan; Tripoli; Q1016
LCA; Saint Lucia; St Lucia|St. Lucia; Saint Lucian|St Lucian; Castries; Q760
LIE; Liechtenstein; ; Liechtensteiner; Vaduz; Q347
LKA; Sri Lanka; Ceylon; Sri Lankan; Colombo|Sri Jayawardenepura Kotte; Q854
LSO; Lesotho; ; Basotho|Mosotho; Maseru; Q1013
LTU; Lithuania; ; Lithuanian; Vilnius; Q37
LUX; Luxembourg; ; Luxembourgish|Luxembourger; Luxembourg City; Q32
LVA; Latvia; ; Latvian; Riga; Q211
MAC; Macau; Macao SAR|Macau SAR; Macanese; ;
MAR; Morocco; ; Moroccan; Rabat; Q1028
MCO; Monaco; ; Monegasque|Monégasque; ; Q235
MDA; Moldova; ; Moldovan; Chișinău|Chişinău|Chisinau; Q217
MDG; Madagascar; ; Malagasy|Madagascan; Antananarivo; Q1019
MDV; Maldives; ; Maldivian; Malé; Q826
MEX; Mexico; ; Mexican; Mexico City; Q96
MHL; Marshall Islands; ; Marshallese; Majuro; Q709
MKD; North Macedonia; Macedonia|Former Yugoslav Republic of Macedonia|FYROM
    ; Macedonian|North Macedonian; Skopje; Q221
MLI; Mali; ; Malian; Bamako; Q912
MLT; Malta; ; Maltese; Valletta; Q233
MMR; Myanmar; Burma; Burmese; Naypyidaw|Naypyitaw|Nay Pyi Taw; Q836
MNE; Montenegro; ; Montenegrin; Podgorica; Q236
MNG; Mongolia; ; Mongolian; Ulaanbaatar|Ulan Bator; Q711
MOZ; Mozambique; ; Mozambican; Maputo; Q1029
MRT; Mauritania; ; Mauritanian; Nouakchott; Q1025
MUS; Mauritius; ; Mauritian; Port Louis; Q1027
MWI; Malawi; ; Malawian; Lilongwe; Q1020
MYS; Malaysia; ; Malaysian; Kuala Lumpur|Putrajaya; Q833
NAM; Namibia; ; Namibian; Windhoek; Q1030
NCL; New Caledonia; ; New Caledonian; ; Q33788
NER; Niger; Republic of Niger; Nigerien; Niamey; Q1032
NGA; Nigeria; ; Nigerian; Abuja; Q1033
NIC; Nicaragua; ; Nicaraguan; Managua; Q811
NLD; Netherlands; Holland; Dutch; Amsterdam|The Hague; Q55
NOR; Norway; ; Norwegian; Oslo; Q20
NPL; Nepal; ; Nepali|Nepalese; Kathmandu; Q837
NRU; Nauru; ; Nauruan; Yaren; Q697
NZL; New Zealand; ; New Zealander; Wellington; Q664
OMN; Oman; ; Omani; Muscat; Q842
PAK; Pakistan; ; Pakistani; Islamabad; Q843
PAN; Panama; ; Panamanian; Panama City; Q804
PER; Peru; ; Peruvian; Lima; Q419
PHL; Philippines; ; Filipino|Filipina|Philippine; Manila; Q928
PLW; Palau; ; Palauan; Ngerulmud; Q695
PNG; Papua New Guinea; PNG; Papua New Guinean; Port Moresby; Q691
POL; Poland; ; Polish; Warsaw; Q36
PRI; Puerto Rico; Commonwealth of Puerto Rico; Puerto Rican; ; Q1183
PRK; North Korea; DPRK|D.P.R.K.; North Korean; Pyongyang; Q423
PRT; Portugal; ; Portuguese; Lisbon; Q45
PRY; Paraguay; ; Paraguayan; Asunción|Asuncion; Q733
PSE; Palestine; Palestinian Authority|Palestinian National Authority; Palestinian; Ramallah
    ; Q219060
QAT; Qatar; ; Qatari; Doha; Q846
ROU; Romania; ; Romanian; Bucharest; Q218
RUS; Russia; ; Russian; Moscow|the Kremlin; Q159
RWA; Rwanda; Republic of Rwanda; Rwandan|Rwandese; Kigali; Q1037
SAU; Saudi Arabia; KSA; Saudi|Saudi Arabian; Riyadh; Q851
SDN; Sudan; ; Sudanese; Khartoum; Q1049
SEN; Senegal; ; Senegalese; Dakar; Q1041
SGP; Singapore; ; Singaporean; ; Q334
SLB; Solomon Islands; Solomons; Solomon Islander; Honiara; Q685
SLE; Sierra Leone; ; Sierra Leonean; Freetown; Q1044
SLV; El Salvador; ; Salvadoran|Salvadorian; San Salvador; Q792
SMR; San Marino; ; Sammarinese; ; Q238
SOM; Somalia; ; Somali; Mogadishu; Q1045
SRB; Serbia; ; Serbian|Serb; Belgrade; Q403
SSD; South Sudan; ; South Sudanese; Juba; Q958
STP; São Tomé and Príncipe; ; Santomean; São Tomé|Sao Tome; Q1039
SUR; Suriname; Surinam; Surinamese; Paramaribo; Q730
SVK; Slovakia; ; Slovak|Slovakian; Bratislava; Q214
SVN; Slovenia; ; Slovenian|Slovene; Ljubljana; Q215
SWE; Sweden; ; Swedish|Swede; Stockholm; Q34
SWZ; Eswatini; Swaziland; Swazi; Mbabane|Lobamba; Q1050
SYC; Seychelles; ; Seychellois; ; Q1042
SYR; Syria; ; Syrian; Damascus; Q858
TCD; Chad; ; Chadian; N'Djamena|Ndjamena; Q657
TGO; Togo; ; Togolese; Lomé|Lome; Q945
THA; Thailand; ; Thai; Bangkok; Q869
TJK; Tajikistan; ; Tajik|Tajikistani; Dushanbe; Q863
TKM; Turkmenistan; ; Turkmen; Ashgabat; Q874
TLS; East Timor; ; Timorese|East Timorese; Dili; Q574
TON; Tonga; ; Tongan; Nuku'alofa; Q678
TTO; Trinidad and Tobago; Trinidad; Trinidadian|Tobagonian|Trinbagonian
    ; Port of Spain|Port-of-Spain; Q754
TUN; Tunisia; ; Tunisian; Tunis; Q948
TUR; Turkey; Republic of Turkey; Turkish|Turk; Ankara; Q43
TUV; Tuvalu; ; Tuvaluan; Funafuti; Q672
TWN; Taiwan; ROC|R.O.C.; Taiwanese; Taipei; Q865
TZA; Tanzania; ; Tanzanian; Dodoma|Dar es Salaam; Q924
UGA; Uganda; Republic of Uganda; Ugandan; Kampala; Q1036
UKR; Ukraine; ; Ukrainian; Kyiv|Kiev; Q212
URY; Uruguay; Oriental Republic of Uruguay; Uruguayan; Montevideo; Q77
USA; United States; US|U.S.|USA|U.S.A.|America; American|U.S.
    ; Washington|the White House; Q30
UZB; Uzbekistan; ; Uzbek|Uzbekistani; Tashkent; Q265
VAT; Vatican; Vatican City|Vatican City State; Vatican; ; Q237
VCT; Saint Vincent and the Grenadines; St Vincent and the Grenadines
    |St. Vincent and the Grenadines|Saint Vincent|St Vincent; Vincentian; Kingstown; Q757
VEN; Venezuela; ; Venezuelan; Caracas; Q717
VNM; Vietnam; Socialist Republic of Vietnam; Vietnamese; Hanoi; Q881
VUT; Vanuatu; ; Ni-Vanuatu; Port Vila; Q686
WSM; Samoa; ; Samoan; Apia; Q683
XKX; Kosovo; ; Kosovar|Kosovan; Pristina|Prishtina|Priština; Q1246
YEM; Yemen; ; Yemeni; Sanaa|Sana'a|Aden; Q805
ZAF; South Africa; ; South African; Pretoria; Q258
ZMB; Zambia; ; Zambian; Lusaka; Q953
ZWE; Zimbabwe; ; Zimbabwean; Harare; Q954
"""


@dataclass(frozen=True, slots=True)
class StateRow:
    """One row of ``states.csv``."""

    iso3: str
    name: str
    official_name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    wikidata: str

    def as_csv(self) -> tuple[str, ...]:
        """The row as CSV fields, lists joined with ``|``."""
        return (
            self.iso3,
            self.name,
            self.official_name,
            "|".join(self.aliases),
            "|".join(self.demonyms),
            "|".join(self.capitals),
            self.wikidata,
        )


def _split(field: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in field.split("|") if p.strip())


def _fold(text: str) -> str:
    """The text with accents removed ("Türkiye" -> "Turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def parse_table(table: str) -> dict[str, tuple[str, ...]]:
    """The rows of ``TABLE`` by code, each as its six fields."""
    lines: list[str] = []
    for raw in table.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0].isspace():
            lines[-1] += raw.strip()
        else:
            lines.append(raw.strip())
    rows: dict[str, tuple[str, ...]] = {}
    for line in lines:
        fields = tuple(f.strip() for f in line.split(";"))
        if len(fields) != 6:
            raise ValueError(f"expected 6 fields, got {len(fields)}: {line!r}")
        if fields[0] in rows:
            raise ValueError(f"duplicate row {fields[0]}")
        rows[fields[0]] = fields
    return rows


def _unique(names: list[str], *, exclude: str) -> tuple[str, ...]:
    seen = {exclude.casefold()}
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def build_rows() -> list[StateRow]:
    """All rows, in the order they are written."""
    table = parse_table(TABLE)
    countries = {c.alpha_3: c for c in pycountry.countries}
    unknown = set(table) - set(countries) - set(EXTRA_CODES)
    if unknown:
        raise ValueError(f"not ISO 3166-1 codes: {sorted(unknown)}")
    missing = set(countries) - set(table) - SKIPPED
    if missing:
        raise ValueError(f"ISO 3166-1 codes neither in TABLE nor in SKIPPED: {sorted(missing)}")
    both = set(table) & SKIPPED
    if both:
        raise ValueError(f"codes both in TABLE and in SKIPPED: {sorted(both)}")

    rows: list[StateRow] = []
    for iso3, (_, name, aliases, demonyms, capitals, qid) in table.items():
        country = countries.get(iso3)
        iso_names: list[str] = []
        if country is not None:
            iso_name = country.name
            official = getattr(country, "official_name", None) or iso_name
            iso_names = [official, iso_name, getattr(country, "common_name", "")]
            iso_names = [
                n for n in iso_names if n and ", " not in n and "(" not in n
            ]  # "Iran, Islamic Republic of" is an index form, not a name
        official = OFFICIAL.get(iso3) or EXTRA_CODES.get(iso3) or (iso_names or [name])[0]
        official = _strip_the(official)
        iso_names = [_strip_the(n) for n in iso_names if n not in NOT_ALIASES.get(iso3, set())]
        names = [official, *iso_names, *_split(aliases)]
        names += [_fold(n) for n in [name, *names] if _fold(n) != n]
        rows.append(
            StateRow(
                iso3=iso3,
                name=name,
                official_name=official,
                aliases=_unique(names, exclude=name),
                demonyms=_split(demonyms),
                capitals=_split(capitals),
                wikidata=qid,
            )
        )
    rows.sort(key=lambda r: (r.iso3 in LAST, r.iso3))
    return rows


def render_csv(rows: list[StateRow]) -> str:
    """The CSV text for ``rows``, header first."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row.as_csv())
    return buf.getvalue()


def shared_forms(rows: list[StateRow]) -> dict[str, list[str]]:
    """Surface forms (case-folded) that more than one row uses, with the rows using them."""
    users: dict[str, list[str]] = {}
    for row in rows:
        forms = {_strip_the(f).casefold() for f in (row.name, *row.aliases, *row.demonyms)}
        forms |= {_strip_the(f).casefold() for f in row.capitals}
        for form in forms:
            users.setdefault(form, []).append(row.iso3)
    return {form: isos for form, isos in sorted(users.items()) if len(isos) > 1}


def main() -> int:
    """Write ``states.csv`` beside this file and report forms shared between rows."""
    rows = build_rows()
    OUT.write_text(render_csv(rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")
    for form, isos in shared_forms(rows).items():
        print(f"shared form {form!r}: {', '.join(isos)} (the first row wins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
