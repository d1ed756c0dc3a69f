#!/usr/bin/env python3
"""Generate the demo monitor of Assen: indicators, baselines, targets and measurements.

    python3 scripts/generate_monitor_demo.py            # writes Resources/Demo/assen-monitor.json
    python3 scripts/generate_monitor_demo.py --check    # computes and validates, writes nothing

Standard library only and no randomness, so every run writes the same file byte for byte.

What comes from the source documents (/work/shared/seeds) and what is made up:
  * Binnenstadsakkoord art. 5 and 7 (002_*, repeated in the werkplan 000_*/001_*): jobs 3.800 -> 5.000,
    businesses 430 -> 500, vacancy 21,9 % -> below the national city-centre level (7,8 %, Locatus),
    visitor appreciation at least 7,5, a place in the top 25 of regional city centres in 2021.
    The werkplan gives 7,8 % without saying whether it counts units or floor area, nor its date;
    here it is the floor-area figure on 2017-01-01. The national series by units is synthetic.
  * The floor-area vacancy baseline is computed from the synthetic register
    (Resources/Demo/assen-register.json) with the rules of StadshartCore/Register, re-implemented
    below; the unit rate on 2018-01-01 must come out at 21,9 % (92 of 420), as the register promises.
  * Economische Agenda Assen 2020-2025 (004_*): the economic profile (figures over 2018, used as the
    2019 nulmeting the agenda speaks of) for Assen, "middelgrote stad NL" and "Noord NL", and the
    SDG scores of Assen and the national average. All 2020 values are synthetic.
  * Synthetic: every other measurement (the 2015-2020 series), the baselines of appreciation and
    ranking, the entrepreneurs' climate survey, and the value targets of the agenda indicators.
"""

import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REGISTER = os.path.join(HERE, "..", "Resources", "Demo", "assen-register.json")
OUT = os.path.join(HERE, "..", "Resources", "Demo", "assen-monitor.json")

SALES_FUNCTIONS = {"detailhandel", "horeca", "dienstverlening", "leisure", "cultuur"}
BASELINE_DAY = "2018-01-01"
YEARS = range(2015, 2021)

SYN = "synthetisch (demo)"
PROFILE = ("Economische Agenda Assen 2020-2025, economisch profiel: cijfer over 2018, "
           "hier gebruikt als nulmeting 2019")
SDG_NOTE = ("Economische Agenda Assen 2020-2025, scorebalken duurzame ontwikkelingsdoelen "
            "(jaar in de bron niet genoemd; hier als nulmeting 2019)")


# --------------------------------------------------------------------------------------------------
# The register's vacancy, counted as Sources/StadshartCore/Register does.
# --------------------------------------------------------------------------------------------------
def contains(start, until, day):
    """Period.contains: from inclusive, until exclusive, nil until holds for ever (ISO dates compare as text)."""
    return start <= day and (until is None or day < until)


def function_at(p, day):
    """PremisesFacts.function(at:): the last change on or before the day; of two on one day the one listed last."""
    if not contains(p["existsFrom"], p["existsUntil"], day):
        return None
    ordered = [f for _, f in sorted(enumerate(p["functions"]), key=lambda t: (t[1]["from"], t[0]))]
    current = [f["function"] for f in ordered if f["from"] <= day]
    return current[-1] if current else None


def vacant_at(p, day):
    """PremisesFacts.vacancy(at:) != nil: some non-empty vacancy period holds on the day (joining
    adjacent periods changes only where a vacancy starts, not whether one holds)."""
    if not contains(p["existsFrom"], p["existsUntil"], day):
        return False
    return any(
        contains(v["from"], v["until"], day)
        for v in p["vacancies"]
        if v["until"] is None or v["until"] > v["from"]
    )


def register_vacancy(day):
    with open(REGISTER, encoding="utf-8") as fh:
        register = json.load(fh)
    units = vacant_units = floor = vacant_floor = 0
    for p in register["premises"]:
        if function_at(p, day) not in SALES_FUNCTIONS:
            continue
        units += 1
        floor += p["floorArea"]
        if vacant_at(p, day):
            vacant_units += 1
            vacant_floor += p["floorArea"]
    return {"units": units, "vacantUnits": vacant_units, "floorArea": floor, "vacantFloorArea": vacant_floor,
            "unitsRate": round(100 * vacant_units / units, 1), "floorAreaRate": round(100 * vacant_floor / floor, 1)}


# --------------------------------------------------------------------------------------------------
# Building blocks.
# --------------------------------------------------------------------------------------------------
AREAS = [
    {"key": "binnenstad", "name": "Binnenstad Assen", "reference": False},
    {"key": "assen", "name": "Gemeente Assen", "reference": False},
    {"key": "nederland", "name": "Nederland (binnensteden)", "reference": True},
    {"key": "middelgrote-stad", "name": "Middelgrote stad NL", "reference": True},
    {"key": "noord-nederland", "name": "Noord-Nederland", "reference": True},
    {"key": "nederland-gemeenten", "name": "Nederland (gemiddelde gemeente)", "reference": True},
]

INDICATORS = []
MEASUREMENTS = []


def indicator(key, name, description, unit, direction, basis, group, agreement, goal, theme_lines, source,
              owner, area, baseline, target, reference_area=None, computed=None, note=""):
    entry = {
        "key": key, "name": name, "description": description, "unit": unit, "direction": direction,
        "basis": basis, "group": group, "agreement": agreement, "goal": goal, "themeLines": theme_lines,
        "source": source,
    }
    if computed:
        entry["computed"] = computed
    entry.update({
        "owner": owner, "area": area, "referenceArea": reference_area,
        "baseline": {"value": baseline[0], "date": baseline[1]},
        "target": ({"reference": target[0][1:], "date": target[1]} if isinstance(target[0], str)
                   else {"value": target[0], "date": target[1]}),
        "note": note,
    })
    INDICATORS.append(entry)
    return entry


def measure(ind, area, date, value, source, note):
    MEASUREMENTS.append({"indicator": ind["key"], "area": area, "date": date, "value": value,
                         "basis": ind["basis"], "source": source, "note": note})


def jan1(year):
    return "%d-01-01" % year


# --------------------------------------------------------------------------------------------------
# 1. The agreement's KPIs.
# --------------------------------------------------------------------------------------------------
GEMEENTE = "Gemeente Assen, programmamanager binnenstad"
REGISSEUR = "Stichting Vaart in Assen, regisseur"
ACQUISITEUR = "Stichting Vaart in Assen, acquisiteur"
MARKETEER = "Stichting Vaart in Assen, marketeer"
ECONOMIE = "Gemeente Assen, team economie"

NATIONAL_UNITS = {2015: 7.5, 2016: 7.4, 2017: 7.2, 2018: 7.1, 2019: 7.0, 2020: 6.9}
NATIONAL_FLOOR = {2015: 8.1, 2016: 8.0, 2017: 7.8, 2018: 7.6, 2019: 7.5, 2020: 7.4}
APPRECIATION = {2015: 6.7, 2016: 6.7, 2017: 6.8, 2018: 6.9, 2019: 7.0, 2020: 7.1}
RANKING = {2015: 45, 2016: 44, 2017: 43, 2018: 41, 2019: 38, 2020: 34}


def agreement(floor_baseline):
    end = "2021-12-31"
    indicator(
        "banen", "Banen in de binnenstad",
        "Personen die minstens twaalf uur per week werken bij een vestiging in de binnenstad, geteld uit "
        "het register van panden en bedrijven (telwijze van LISA).",
        "count", "higher", "none", "economic-health", True,
        "Akkoord art. 5: de binnenstad biedt werk aan 5.000 mensen in plaats van 3.800",
        ["A", "E", "EO"], "computed", GEMEENTE, "binnenstad", (3800, BASELINE_DAY), (5000, end),
        computed="jobs",
        note="Nulmeting en doel uit het binnenstadsakkoord; de looptijd van de visie eindigt in 2021.")
    indicator(
        "vestigingen", "Vestigingen in de binnenstad",
        "Vestigingen in de binnenstad met minstens één baan, elk één keer geteld, ook als ze meer dan één "
        "pand gebruiken; berekend uit het register.",
        "count", "higher", "none", "economic-health", True,
        "Akkoord art. 5: het aantal bedrijven in de binnenstad stijgt van 430 naar 500",
        ["A", "E", "EO"], "computed", GEMEENTE, "binnenstad", (430, BASELINE_DAY), (500, end),
        computed="businesses",
        note="Nulmeting en doel uit het binnenstadsakkoord.")
    units = indicator(
        "leegstand-verkooppunten", "Leegstand verkooppunten",
        "Aandeel leegstaande verkooppunten (winkels, horeca, consumentendiensten, leisure en cultuur) in "
        "het totaal aantal verkooppunten van de binnenstad, berekend uit het register.",
        "percent", "lower", "units", "economic-health", True,
        "Akkoord art. 5: de leegstand in de binnenstad daalt tot onder het landelijke niveau",
        ["A", "EO"], "computed", ACQUISITEUR, "binnenstad", (21.9, BASELINE_DAY), ("@nederland", end),
        reference_area="nederland", computed="vacancy-units",
        note="21,9 % is het Locatus-cijfer uit het akkoord en komt overeen met het register (92 van 420). "
             "Het werkplan noemt landelijk 7,8 % zonder te zeggen of dat naar aantal of naar m² is; in deze "
             "demo staat dat cijfer bij de leegstand naar m² wvo en is de landelijke reeks naar aantal "
             "verkooppunten verzonnen.")
    floor = indicator(
        "leegstand-m2", "Leegstand verkooppunten naar vloeroppervlak",
        "Aandeel leegstaand winkelvloeroppervlak (m² wvo) in het totale vloeroppervlak van de verkooppunten "
        "in de binnenstad, berekend uit het register.",
        "percent", "lower", "floor-area", "economic-health", True,
        "Akkoord art. 5: de leegstand in de binnenstad daalt tot onder het landelijke niveau",
        ["A", "EO"], "computed", ACQUISITEUR, "binnenstad", (floor_baseline["floorAreaRate"], BASELINE_DAY),
        ("@nederland", end), reference_area="nederland", computed="vacancy-floor-area",
        note="Nulmeting berekend uit het synthetische register op 1 januari 2018: %s van %s m² wvo leeg. "
             "Het landelijke vergelijkingscijfer van 7,8 %% (Locatus, via het werkplan) staat hier als "
             "m² wvo op 1 januari 2017." % (dutch_int(floor_baseline["vacantFloorArea"]),
                                            dutch_int(floor_baseline["floorArea"])))
    for year in YEARS:
        measure(units, "nederland", jan1(year), NATIONAL_UNITS[year], "locatus",
                SYN + "; het werkplan geeft alleen 7,8 % zonder basis, dat cijfer staat bij m² wvo")
        measure(floor, "nederland", jan1(year), NATIONAL_FLOOR[year], "locatus",
                "Locatus via werkplan binnenstad 2018-2019 (7,8 %; basis en peildatum niet in de bron)"
                if year == 2017 else SYN + "; alleen 2017 komt uit de bron (Locatus via werkplan)")

    appreciation = indicator(
        "waardering", "Waardering door bezoekers",
        "Gemiddeld rapportcijfer dat bezoekers de binnenstad geven in een jaarlijkse enquête.",
        "score", "higher", "none", "image-and-experience", True,
        "Akkoord art. 5: bezoekers waarderen de binnenstad met minstens een 7,5",
        ["B", "D", "F"], "survey", MARKETEER, "binnenstad", (APPRECIATION[2017], "2017-01-01"), (7.5, end),
        note="Nulmeting 6,8 en de hele meetreeks zijn synthetisch (demo); het doel 7,5 komt uit het akkoord.")
    ranking = indicator(
        "top25", "Positie op de landelijke ranglijst van binnensteden",
        "Plaats van Assen op een landelijke ranglijst van binnensteden met een regionale functie; 1 is de "
        "beste plaats.",
        "rank", "lower", "none", "image-and-experience", True,
        "Akkoord art. 7: Assen hoort in 2021 bij de 25 beste regionale binnensteden van Nederland",
        ["D", "E", "F"], "other", REGISSEUR, "binnenstad", (RANKING[2017], "2017-01-01"), (25, end),
        note="Nulmeting 43 en de hele meetreeks zijn synthetisch (demo); het doel (top 25 in 2021) komt "
             "uit het akkoord.")
    for year in YEARS:
        measure(appreciation, "binnenstad", jan1(year), APPRECIATION[year], "survey", SYN)
        measure(ranking, "binnenstad", jan1(year), RANKING[year], "other", SYN)


def dutch_int(n):
    return "{:,}".format(n).replace(",", ".")


# --------------------------------------------------------------------------------------------------
# 2. The economic agenda's indicators (area: the municipality of Assen).
# --------------------------------------------------------------------------------------------------
NULMETING = "2019-01-01"
AGENDA_END = "2025-12-31"
NULMETING_TEXT = ("De agenda meet vanaf een nulmeting in 2019; daarvoor dient het cijfer over 2018 uit het "
                  "economisch profiel, gedateerd 1 januari 2019.")

# (key, name, what is measured, unit, group, target ("@area" = better than that area), goal,
#  seed 2018 values, synthetic 2020 values, themes)
# values: (assen, middelgrote-stad, noord-nederland)
PROFILE_INDICATORS = [
    ("banen-per-1000-inwoners", "Banen per 1.000 inwoners",
     "Aantal banen in de gemeente gedeeld door het aantal inwoners, maal duizend.",
     "count", "economic-health", "@middelgrote-stad",
     "Assen blijft meer werkgelegenheid per inwoner bieden dan een gemiddelde middelgrote stad",
     (816, 643, 612), (822, 647, 615), ["EO"]),
    ("banengroei", "Banengroei over vier jaar",
     "Procentuele groei van het aantal banen over de vier voorgaande jaren (nulmeting: 2014-2018).",
     "percent", "economic-health", "@middelgrote-stad",
     "De werkgelegenheid in Assen groeit sneller dan in een gemiddelde middelgrote stad",
     (7.9, 6.0, 5.8), (6.8, 6.3, 5.5), ["EO"]),
    ("banen-vrijetijd", "Banen in de vrijetijdssector per 1.000 inwoners",
     "Banen in recreatie, cultuur, horeca en evenementen per duizend inwoners.",
     "count", "economic-health", 26.0,
     "Het voorzieningenaanbod en de vrijetijdseconomie van Assen groeien verder",
     (25.1, 19.8, 17.8), (25.6, 20.0, 17.9), ["D", "EO"]),
    ("snelgroeiende-bedrijven", "Snelgroeiende bedrijven per 1.000 vestigingen",
     "Aantal snelgroeiende ondernemingen per duizend vestigingen in de gemeente.",
     "count", "sustainable-development", 47.0,
     "Meer ondernemingen in Assen starten, groeien en vernieuwen",
     (45.5, 34.5, 41.7), (44.1, 35.2, 40.9), ["E", "EO"]),
]

# (key, name, SDG number, theme, NL, Assen, synthetic NL 2020, synthetic Assen 2020, themes)
SDG_INDICATORS = [
    ("sdg-armoede", "SDG 1: geen armoede", 1, "armoede en werk voor mensen met een afstand tot de arbeidsmarkt",
     52, 38, 52, 39, []),
    ("sdg-gezondheid", "SDG 3: goede gezondheid en zorg", 3, "gezondheid en bereikbare, betaalbare zorg",
     58, 58, 59, 58, []),
    ("sdg-onderwijs", "SDG 4: goed onderwijs", 4, "toegankelijk onderwijs van goede kwaliteit",
     54, 61, 55, 62, ["J"]),
    ("sdg-energie", "SDG 7: duurzame energie", 7, "betaalbare en duurzame energie", 49, 58, 51, 60, ["EO"]),
    ("sdg-economische-groei", "SDG 8: werk en economische groei", 8, "economische groei en fatsoenlijk werk",
     47, 42, 48, 43, ["EO"]),
    ("sdg-innovatie", "SDG 9: innovatie en infrastructuur", 9, "innovatie en duurzame infrastructuur",
     51, 36, 52, 37, ["EO"]),
    ("sdg-veiligheid", "SDG 16: vrede, veiligheid en instituties", 16, "veiligheid en sterke publieke instituties",
     51, 47, 51, 48, ["B"]),
    ("sdg-samenwerking", "SDG 17: samenwerking", 17, "partnerschappen voor duurzame ontwikkeling",
     52, 49, 53, 50, ["E"]),
]


def agenda():
    for key, name, what, unit, group, target, goal, seed, synthetic, themes in PROFILE_INDICATORS:
        ind = indicator(
            key, name, what + " " + NULMETING_TEXT, unit, "higher", "none", group, False,
            "Economische Agenda 2020-2025: " + goal,
            themes, "other", ECONOMIE, "assen", (seed[0], NULMETING), (target, AGENDA_END),
            reference_area="middelgrote-stad",
            note=("Nulmeting en vergelijkingscijfers uit het economisch profiel van de agenda (bron daar niet "
                  "genoemd). " + ("Doelwaarde zelf gekozen (demo). " if not isinstance(target, str) else "")
                  + "Alle cijfers over 2020 zijn synthetisch."))
        for area, value_2019, value_2020 in zip(("assen", "middelgrote-stad", "noord-nederland"), seed, synthetic):
            measure(ind, area, NULMETING, value_2019, "other", PROFILE)
            measure(ind, area, "2020-01-01", value_2020, "other", SYN)

    for key, name, number, theme, nl, assen, nl_2020, assen_2020, themes in SDG_INDICATORS:
        ind = indicator(
            key, name,
            "Score van Assen op duurzaam ontwikkelingsdoel %d (%s) op de SDG-index, 100 = doel bereikt. %s"
            % (number, theme, NULMETING_TEXT.replace("het cijfer over 2018 uit het economisch profiel",
                                                     "de score uit de agenda")),
            "percent", "higher", "none", "sustainability-index", False,
            "Economische Agenda 2020-2025: Assen scoort op dit doel beter dan het landelijk gemiddelde",
            themes, "other", ECONOMIE, "assen", (assen, NULMETING), ("@nederland-gemeenten", AGENDA_END),
            reference_area="nederland-gemeenten",
            note="Scores van Assen en het landelijk gemiddelde uit de agenda (bron en jaar daar niet genoemd); "
                 "cijfers over 2020 zijn synthetisch.")
        measure(ind, "assen", NULMETING, assen, "other", SDG_NOTE)
        measure(ind, "nederland-gemeenten", NULMETING, nl, "other", SDG_NOTE)
        measure(ind, "assen", "2020-01-01", assen_2020, "other", SYN)
        measure(ind, "nederland-gemeenten", "2020-01-01", nl_2020, "other", SYN)

    climate = indicator(
        "waardering-ondernemersklimaat", "Waardering ondernemersklimaat",
        "Gemiddeld rapportcijfer dat ondernemers in Assen geven voor het ondernemersklimaat en de "
        "gemeentelijke dienstverlening, uit een ondernemerspeiling (demo).",
        "score", "higher", "none", "image-and-experience", False,
        "Economische Agenda 2020-2025: ondernemers ervaren Assen als een stad waar het goed ondernemen is",
        ["E", "EO"], "survey", ECONOMIE, "assen", (6.6, NULMETING), (7.2, AGENDA_END),
        note="Geheel synthetisch (demo): de agenda noemt imago en ondernemersklimaat als meetgroep, maar "
             "geeft geen cijfers. Nulmeting 6,6 (2019) en doel 7,2 zijn verzonnen.")
    measure(climate, "assen", NULMETING, 6.6, "survey", SYN + ", nulmeting 2019")
    measure(climate, "assen", "2020-01-01", 6.7, "survey", SYN)


# --------------------------------------------------------------------------------------------------
# 3. Checks: the rules the loader and Measurements.check apply.
# --------------------------------------------------------------------------------------------------
UNITS = {"count", "percent", "score", "rank", "euro"}
GROUPS = {"economic-health", "sustainable-development", "sustainability-index", "image-and-experience"}
SOURCES = {"locatus", "lisa", "cbs", "survey", "computed", "other"}
COMPUTED = {"vacancy-units": ("percent", "units"), "vacancy-floor-area": ("percent", "floor-area"),
            "businesses": ("count", "none"), "jobs": ("count", "none")}
THEMES = {"A", "B", "C", "D", "E", "F", "J", "EO"}


def iso(text):
    return dt.date.fromisoformat(text).isoformat() == text


def in_range(unit, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return {"percent": 0 <= value <= 100, "score": 0 <= value <= 10,
            "rank": value >= 1 and float(value).is_integer(), "count": value >= 0, "euro": True}[unit]


def validate(data):
    areas = {a["key"]: a for a in data["areas"]}
    assert len(areas) == len(data["areas"]), "area keys not unique"
    inds = {i["key"]: i for i in data["indicators"]}
    assert len(inds) == len(data["indicators"]), "indicator keys not unique"
    for i in data["indicators"]:
        k = i["key"]
        assert i["unit"] in UNITS and i["direction"] in ("higher", "lower"), k
        assert i["basis"] in ("units", "floor-area", "none") and i["group"] in GROUPS, k
        assert i["source"] in SOURCES and set(i["themeLines"]) <= THEMES, k
        assert i["area"] in areas and (i["referenceArea"] is None or i["referenceArea"] in areas), k
        if "computed" in i:
            assert (i["unit"], i["basis"]) == COMPUTED[i["computed"]], k
            assert i["source"] == "computed" and i["area"] == "binnenstad", k
        else:
            assert i["source"] != "computed", k
        assert iso(i["baseline"]["date"]) and in_range(i["unit"], i["baseline"]["value"]), k
        t = i["target"]
        assert iso(t["date"]) and t["date"] > i["baseline"]["date"], k
        assert ("value" in t) != ("reference" in t), k
        if "value" in t:
            assert in_range(i["unit"], t["value"]), k
        else:
            assert t["reference"] in areas and areas[t["reference"]]["reference"], k
        assert i["name"] and i["description"] and i["goal"] and i["owner"], k
    seen = set()
    for m in data["measurements"]:
        i = inds[m["indicator"]]
        assert m["area"] in areas, m
        assert m["basis"] == i["basis"], m
        assert iso(m["date"]) and in_range(i["unit"], m["value"]), m
        assert m["source"] in SOURCES and len(m["note"]) <= 1000, m
        assert not ("computed" in i and m["area"] == i["area"]), m
        key = (m["indicator"], m["area"], m["basis"], m["date"])
        assert key not in seen, key
        seen.add(key)
    # Every reference target has a figure to compare with on the indicator's basis.
    for i in data["indicators"]:
        ref = i["target"].get("reference")
        if ref:
            assert any(m["indicator"] == i["key"] and m["area"] == ref for m in data["measurements"]), i["key"]


def main():
    figures = register_vacancy(BASELINE_DAY)
    assert (figures["vacantUnits"], figures["units"], figures["unitsRate"]) == (92, 420, 21.9), figures
    print("register %s: %d of %d verkooppunten vacant (%.1f %%), %d of %d m² wvo vacant (%.1f %%)"
          % (BASELINE_DAY, figures["vacantUnits"], figures["units"], figures["unitsRate"],
             figures["vacantFloorArea"], figures["floorArea"], figures["floorAreaRate"]))

    agreement(figures)
    agenda()
    data = {
        "synthetic": (
            "Demogegevens. Uit de brondocumenten komen de nulmetingen en doelen van het binnenstadsakkoord "
            "(3.800 naar 5.000 banen, 430 naar 500 vestigingen, 21,9 % leegstand, minstens een 7,5 en een "
            "plaats in de top 25 in 2021), het landelijke leegstandscijfer van 7,8 % (Locatus, hier als m² "
            "wvo op 1-1-2017) en de cijfers over 2018 en de SDG-scores uit de Economische Agenda Assen "
            "2020-2025 (gedateerd 1-1-2019). Synthetisch zijn alle andere metingen: de reeksen 2015-2020, de "
            "landelijke leegstand naar aantal verkooppunten, de nulmetingen van waardering en ranglijstpositie, "
            "de peiling van het ondernemersklimaat, alle cijfers over 2020 en de gekozen doelwaarden van de "
            "agenda; de leegstand naar m² wvo is berekend uit het synthetische register."),
        "areas": AREAS,
        "indicators": INDICATORS,
        "measurements": MEASUREMENTS,
    }
    validate(data)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    validate(json.loads(text))
    print("%d indicators (%d of the agreement), %d measurements"
          % (len(INDICATORS), sum(i["agreement"] for i in INDICATORS), len(MEASUREMENTS)))
    if "--check" in sys.argv:
        print("check only: %d bytes not written" % len(text.encode("utf-8")))
        return
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(text)
    print("wrote %s (%d bytes)" % (os.path.normpath(OUT), len(text.encode("utf-8"))))


if __name__ == "__main__":
    main()
