#!/usr/bin/env python3
"""Generate the SYNTHETIC demo register of Assen's city centre (premises and businesses).

    python3 scripts/generate_register_demo.py            # writes Resources/Demo/assen-register.json
    python3 scripts/generate_register_demo.py --check    # computes and asserts, writes nothing

Standard library only and a fixed seed, so every run writes the same file byte for byte.

The register is made up, but it is tuned so that the app's own counting rules
(Sources/StadshartCore/Register/*.swift, re-implemented below) give the figures of the
Binnenstadsakkoord on 1 January 2018: 21,9 % vacancy among verkooppunten (92 of 420), 430
vestigingen and 3.800 banen (LISA: persons working at least 12 hours a week). Around that date it
tells a plausible story for 2015-2020: vacancy rising from about 17 % to 21,9 % and falling back to
about 18 %, a few splits and mergers, verkleuring of aanloopstraten (shops becoming dwellings,
services or workshops), long vacancies, temporary use of empty units and dwellings above shops.

How it is built:
  1. premises along short line segments per street (numbers ascending, odd and even sides);
  2. hand-written histories for the special premises (department stores, supermarkets, museum,
     split and merged units, changes of function, volunteer-run shops, large employers);
  3. for every other verkooppunt a vacant/occupied state on each reference date, drawn so that
     the counts match the targets exactly (vacancy is likelier in aanloopstraten and sticks), then
     turned into dated vacancies and occupancies, with a few businesses moving between units;
  4. offices, practices and workshops (not verkooppunten) filled so that the number of counted
     vestigingen matches the targets;
  5. jobs per business, nudged by small dated changes until the totals match;
  6. temporary uses, planned changes of function, owners and dwellings above shops;
  7. consistency checks, the figures table, and the JSON.
"""

import datetime as dt
import json
import math
import os
import random
import sys

SEED = 20180101
rng = random.Random(SEED)


def D(text):
    return dt.date.fromisoformat(text)


DAY = dt.timedelta(days=1)
REG = D("2000-01-01")  # the register begins here: premises existing then exist from this day
END = D("2021-01-01")  # the data describe the centre up to and including 31 December 2020

CP = [D(x) for x in ("2015-01-01", "2016-01-01", "2017-01-01", "2018-01-01",
                     "2019-01-01", "2020-01-01", "2020-12-31")]
REF = CP.index(D("2018-01-01"))

# Targets per reference date. Only 2018-01-01 is a hard requirement (asserted); the others shape the story.
TARGET_VACANT = [72, 78, 85, 92, 87, 79, 74]
TARGET_UNITS_2018 = 420
TARGET_BUSINESSES = [445, 441, 436, 430, 432, 435, 438]
TARGET_JOBS = [3906, 3878, 3843, 3800, 3812, 3835, 3851]

SALES_FUNCTIONS = ("detailhandel", "horeca", "dienstverlening", "leisure", "cultuur")
ZONES = [
    {"key": "kernwinkelgebied", "name": "Kernwinkelgebied"},
    {"key": "aanloopstraat", "name": "Aanloopstraten"},
    {"key": "overig", "name": "Overige binnenstad"},
]
KERN, AANLOOP, OVERIG = "kernwinkelgebied", "aanloopstraat", "overig"

# --------------------------------------------------------------------------------------------------
# Streets: zone, verkooppunten, other ground-floor premises, upstairs units, segment (lat, lon) from
# number 1 onwards, postcode digits and first letter pair. Real street names of Assen's centre; the
# segments, numbers and postcodes are synthetic.
# --------------------------------------------------------------------------------------------------
STREETS = [
    ("Koopmansplein", KERN, 34, 2, 4, (52.99475, 6.56180), (52.99530, 6.56320), "9401", "EA"),
    ("Kruisstraat", KERN, 46, 3, 5, (52.99535, 6.56335), (52.99640, 6.56520), "9401", "GA"),
    ("Oudestraat", KERN, 38, 3, 4, (52.99440, 6.56330), (52.99320, 6.56500), "9401", "JA"),
    ("Gedempte Singel", KERN, 34, 2, 3, (52.99560, 6.56120), (52.99380, 6.55985), "9401", "LA"),
    ("Marktstraat", KERN, 30, 3, 3, (52.99470, 6.56245), (52.99350, 6.56180), "9401", "NA"),
    ("Brink", KERN, 24, 3, 2, (52.99300, 6.56420), (52.99210, 6.56600), "9401", "HS"),
    ("Singelpassage", KERN, 16, 0, 0, (52.99500, 6.56080), (52.99560, 6.56020), "9401", "RA"),
    ("Kerkplein", KERN, 10, 3, 1, (52.99330, 6.56560), (52.99352, 6.56665), "9401", "TA"),
    ("Rolderstraat", AANLOOP, 26, 8, 2, (52.99240, 6.56660), (52.99090, 6.56900), "9402", "CA"),
    ("Nieuwe Huizen", AANLOOP, 26, 7, 2, (52.99600, 6.56000), (52.99760, 6.55780), "9402", "EA"),
    ("Kloosterstraat", AANLOOP, 18, 6, 1, (52.99200, 6.56380), (52.99120, 6.56250), "9402", "GA"),
    ("Groningerstraat", AANLOOP, 22, 8, 2, (52.99660, 6.56560), (52.99830, 6.56660), "9402", "JA"),
    ("Weiersstraat", AANLOOP, 16, 5, 1, (52.99360, 6.56140), (52.99270, 6.56040), "9402", "LA"),
    ("Torenlaan", AANLOOP, 20, 8, 2, (52.99390, 6.56700), (52.99530, 6.56800), "9402", "NA"),
    ("Zuidersingel", OVERIG, 8, 11, 0, (52.99100, 6.55950), (52.99130, 6.56400), "9403", "BA"),
    ("Noordersingel", OVERIG, 8, 12, 0, (52.99720, 6.56380), (52.99660, 6.56950), "9403", "DA"),
    ("Gymnasiumstraat", OVERIG, 5, 6, 0, (52.99150, 6.56500), (52.99080, 6.56620), "9403", "GA"),
    ("Ceresstraat", OVERIG, 12, 6, 1, (52.99300, 6.55880), (52.99170, 6.55960), "9403", "JA"),
    ("Vaart Zuidzijde", OVERIG, 12, 6, 1, (52.99620, 6.55760), (52.99520, 6.55920), "9403", "LA"),
    ("Vaart Noordzijde", OVERIG, 10, 6, 1, (52.99660, 6.55790), (52.99560, 6.55950), "9403", "NA"),
    ("Havenkade", OVERIG, 8, 4, 0, (52.99760, 6.55720), (52.99820, 6.55900), "9403", "PA"),
]
STREET_ORDER = {s[0]: i for i, s in enumerate(STREETS)}

# The function mix of verkooppunten, per zone, with a few streets of their own.
SALES_MIX = {
    KERN: {"detailhandel": 63, "horeca": 17, "dienstverlening": 14, "leisure": 3, "cultuur": 3},
    AANLOOP: {"detailhandel": 50, "horeca": 14, "dienstverlening": 29, "leisure": 4, "cultuur": 3},
    OVERIG: {"detailhandel": 34, "horeca": 32, "dienstverlening": 24, "leisure": 6, "cultuur": 4},
}
STREET_MIX = {
    "Brink": {"detailhandel": 35, "horeca": 50, "dienstverlening": 8, "leisure": 2, "cultuur": 5},
    "Kerkplein": {"detailhandel": 40, "horeca": 40, "dienstverlening": 10, "leisure": 0, "cultuur": 10},
    "Singelpassage": {"detailhandel": 80, "horeca": 12, "dienstverlening": 8, "leisure": 0, "cultuur": 0},
    "Havenkade": {"detailhandel": 15, "horeca": 55, "dienstverlening": 15, "leisure": 15, "cultuur": 0},
}
OTHER_MIX = {  # ground-floor premises that are not verkooppunten
    KERN: {"kantoor": 55, "maatschappelijk": 35, "wonen": 10},
    AANLOOP: {"kantoor": 38, "maatschappelijk": 15, "ambacht": 10, "wonen": 37},
    OVERIG: {"kantoor": 62, "maatschappelijk": 22, "wonen": 16},
}
UPSTAIRS_MIX = {"kantoor": 55, "wonen": 45}

# --------------------------------------------------------------------------------------------------
# Branches: function, name templates, persons range (>= 12 h/week), hours pattern, fte per person.
# {S} surname, {T} second surname, {W} a name word, {F} first name.
# --------------------------------------------------------------------------------------------------
BRANCHES = {
    # detailhandel
    "mode": ("detailhandel", ["Modehuis {S}", "Boutique {W}", "Damesmode {W}", "Herenmode {S}",
                              "{F} Fashion", "Modezaak {S}", "Jeans & Zo {W}"], (2, 7), "retail", 0.62),
    "schoenen": ("detailhandel", ["Schoenen {S}", "Schoenhuis {W}", "Schoenmode {S}"], (2, 6), "retail", 0.62),
    "boeken": ("detailhandel", ["Boekhandel {W}", "Boekhandel {S}", "Leeshuis {W}"], (2, 6), "retail", 0.65),
    "drogisterij": ("detailhandel", ["Drogisterij {S}", "Drogisterij {W}"], (3, 7), "retail", 0.6),
    "optiek": ("detailhandel", ["Optiek {S}", "Oogwerk {W}", "Brillenhuis {S}"], (2, 5), "retail", 0.7),
    "juwelier": ("detailhandel", ["Juwelier {S}", "Goud & Zilver {S}", "Horloges {S}"], (1, 4), "retail", 0.7),
    "bloemen": ("detailhandel", ["Bloemsierkunst {W}", "Bloemen {S}", "Bloemenhuis {W}"], (1, 4), "retail", 0.65),
    "cadeau": ("detailhandel", ["Cadeauwinkel {W}", "Kado {W}", "Woonkado {S}"], (1, 3), "retail", 0.6),
    "telefonie": ("detailhandel", ["Telefoonwinkel {W}", "GSM-service {S}"], (1, 4), "retail", 0.7),
    "wonen": ("detailhandel", ["Woonwinkel {W}", "Interieur {S}", "Woonatelier {W}"], (2, 5), "retail", 0.65),
    "sport": ("detailhandel", ["Sportzaak {S}", "Sporthuis {W}", "Loopwinkel {W}"], (2, 6), "retail", 0.62),
    "speelgoed": ("detailhandel", ["Speelgoed {W}", "Speelgoedwinkel {S}"], (2, 4), "retail", 0.6),
    "huishoud": ("detailhandel", ["Huishoudzaak {S}", "Kookwinkel {W}"], (2, 4), "retail", 0.6),
    "parfumerie": ("detailhandel", ["Parfumerie {S}", "Parfumerie {W}"], (2, 4), "retail", 0.62),
    "bakker": ("detailhandel", ["Bakkerij {S}", "Warme bakker {S}"], (3, 8), "bakker", 0.6),
    "slager": ("detailhandel", ["Slagerij {S}", "Ambachtelijke slagerij {S}"], (3, 6), "bakker", 0.7),
    "kaas": ("detailhandel", ["Kaashandel {S}", "Kaas & Zo {W}"], (1, 3), "bakker", 0.65),
    "delicatessen": ("detailhandel", ["Delicatessen {W}", "Streekwinkel {W}", "Notenbar {S}"], (1, 3), "retail", 0.6),
    "fietsen": ("detailhandel", ["Fietsenwinkel {S}", "Tweewielers {S}"], (2, 4), "retail", 0.75),
    "tweedehands": ("detailhandel", ["Vintage {W}", "Tweedehands {W}", "Brocante {W}"], (1, 2), "retail", 0.6),
    "elektronica": ("detailhandel", ["Elektro {S}", "Beeld & Geluid {S}"], (2, 5), "retail", 0.7),
    "dieren": ("detailhandel", ["Dierenspeciaalzaak {S}", "Dierenwinkel {W}"], (1, 3), "retail", 0.65),
    "hobby": ("detailhandel", ["Hobbywinkel {W}", "Wol & Garen {W}", "Stoffenhuis {S}"], (1, 3), "retail", 0.6),
    "lederwaren": ("detailhandel", ["Lederwaren {S}", "Tassen {W}"], (1, 3), "retail", 0.6),
    "tabak": ("detailhandel", ["Tabak & Lectuur {S}", "Sigarenmagazijn {S}"], (1, 3), "retail", 0.65),
    "muziek": ("detailhandel", ["Muziekhuis {S}", "Platenzaak {W}"], (1, 3), "retail", 0.65),
    "supermarkt": ("detailhandel", ["Supermarkt {S}"], (25, 45), "supermarkt", 0.5),
    "warenhuis": ("detailhandel", ["Warenhuis {W}"], (35, 60), "retail", 0.62),
    # horeca
    "restaurant": ("horeca", ["Restaurant {W}", "Eetcafé {W}", "Bistro {W}", "Restaurant {S}",
                              "Brasserie {W}"], (5, 13), "restaurant", 0.58),
    "cafe": ("horeca", ["Café {W}", "Grand café {W}", "Bruin café {W}", "Café {S}"], (3, 9), "cafe", 0.55),
    "lunchroom": ("horeca", ["Lunchroom {W}", "Theeschenkerij {W}", "Broodjeszaak {S}"], (2, 7), "lunch", 0.55),
    "koffiebar": ("horeca", ["Koffiebar {W}", "Espressobar {W}"], (2, 5), "lunch", 0.55),
    "snackbar": ("horeca", ["Cafetaria {W}", "Snackbar {S}", "Friethuis {W}"], (2, 6), "snack", 0.55),
    "ijssalon": ("horeca", ["IJssalon {W}", "IJssalon {S}"], (2, 4), "ijs", 0.5),
    "hotel": ("horeca", ["Hotel {W}"], (10, 22), "hotel", 0.7),
    # dienstverlening (consumer-facing)
    "kapper": ("dienstverlening", ["Kapsalon {W}", "Kapper {S}", "Haarstudio {F}", "Barbershop {W}"], (1, 5), "kapper", 0.68),
    "schoonheid": ("dienstverlening", ["Schoonheidssalon {W}", "Huidinstituut {F}"], (1, 3), "salon", 0.65),
    "nagelstudio": ("dienstverlening", ["Nagelstudio {F}", "Nagelsalon {W}"], (1, 2), "salon", 0.6),
    "reisbureau": ("dienstverlening", ["Reisbureau {W}", "Reiswinkel {S}"], (2, 4), "office_shop", 0.75),
    "bankfiliaal": ("dienstverlening", ["Bankwinkel {W}"], (5, 11), "bank", 0.8),
    "makelaar": ("dienstverlening", ["Makelaardij {S}", "{S} Makelaars"], (2, 7), "office_shop", 0.85),
    "uitzendbureau": ("dienstverlening", ["Uitzendbureau {W}", "Banenwinkel {W}"], (2, 6), "office_shop", 0.85),
    "stomerij": ("dienstverlening", ["Stomerij {W}", "Wasserette {W}"], (1, 3), "salon", 0.6),
    "fotograaf": ("dienstverlening", ["Fotostudio {F}", "Fotograaf {S}"], (1, 2), "salon", 0.7),
    "kledingreparatie": ("dienstverlening", ["Naaiatelier {F}", "Kledingreparatie {W}"], (1, 2), "salon", 0.7),
    "tattoo": ("dienstverlening", ["Tattoostudio {W}"], (1, 3), "salon", 0.7),
    "verzekeringen": ("dienstverlening", ["Verzekeringswinkel {S}", "Hypotheekwinkel {W}"], (2, 5), "office_shop", 0.85),
    # leisure
    "fitness": ("leisure", ["Sportschool {W}", "Fitnesscentrum {W}"], (3, 9), "fitness", 0.55),
    "escaperoom": ("leisure", ["Escape room {W}"], (2, 4), "escape", 0.5),
    "speelhal": ("leisure", ["Speelautomatenhal {W}"], (2, 4), "speelhal", 0.6),
    "dansstudio": ("leisure", ["Yogastudio {W}", "Dansstudio {F}"], (1, 3), "fitness", 0.5),
    "bioscoop": ("leisure", ["Filmtheater {W}"], (12, 20), "bioscoop", 0.55),
    # cultuur
    "galerie": ("cultuur", ["Galerie {W}", "Kunstuitleen {W}", "Galerie {S}"], (1, 2), "galerie", 0.6),
    "museum": ("cultuur", ["Museum {W}"], (50, 80), "museum", 0.75),
    "theater": ("cultuur", ["Theater {W}"], (25, 45), "theater", 0.7),
    # kantoor
    "advocatuur": ("kantoor", ["{S} Advocaten", "Advocatenkantoor {S} & {T}"], (3, 16), "kantoor", 0.86),
    "accountancy": ("kantoor", ["Accountantskantoor {S}", "{S} Administratie & Advies"], (4, 20), "kantoor", 0.85),
    "notariaat": ("kantoor", ["Notariskantoor {S}", "{S} & {T} Notarissen"], (5, 12), "kantoor", 0.85),
    "adviesbureau": ("kantoor", ["Adviesbureau {W}", "{S} Consultancy", "Bureau {W}"], (2, 12), "kantoor", 0.88),
    "ict": ("kantoor", ["{W} ICT", "Webbureau {W}", "Softwarehuis {S}"], (3, 16), "kantoor", 0.9),
    "verzekeraar": ("kantoor", ["Assurantiekantoor {S}", "Verzekeringen {S} & {T}"], (3, 12), "kantoor", 0.85),
    "architect": ("kantoor", ["Architectenbureau {S}", "Bureau voor bouwkunst {W}"], (2, 8), "kantoor", 0.88),
    "media": ("kantoor", ["Reclamebureau {W}", "Communicatiebureau {W}"], (2, 10), "kantoor", 0.86),
    "openbaar bestuur": ("kantoor", ["Overheidskantoor {W}"], (100, 300), "kantoor", 0.85),
    "woningcorporatie": ("kantoor", ["Woonstichting {W}"], (30, 50), "kantoor", 0.85),
    "zorgadministratie": ("kantoor", ["Zorgadministratie {W}"], (40, 70), "kantoor", 0.85),
    "bank": ("kantoor", ["Regiokantoor {W}"], (40, 70), "kantoor", 0.88),
    "redactie": ("kantoor", ["Redactie {W}"], (10, 20), "kantoor", 0.85),
    # maatschappelijk
    "huisarts": ("maatschappelijk", ["Huisartsenpraktijk {W}", "Huisartsen {S} & {T}"], (5, 12), "praktijk", 0.7),
    "fysiotherapie": ("maatschappelijk", ["Fysiotherapie {W}", "Fysio {S}"], (3, 9), "praktijk", 0.75),
    "tandarts": ("maatschappelijk", ["Tandartspraktijk {S}", "Mondzorg {W}"], (4, 10), "praktijk", 0.75),
    "kinderopvang": ("maatschappelijk", ["Kinderopvang {W}", "Kinderdagverblijf {W}"], (6, 16), "opvang", 0.65),
    "welzijn": ("maatschappelijk", ["Welzijnsorganisatie {W}", "Buurthuis {W}"], (3, 12), "kantoor", 0.7),
    "onderwijs": ("maatschappelijk", ["Muziekschool {W}", "Taalschool {W}", "Rijschool {S}"], (2, 10), "school", 0.7),
    "zorg": ("maatschappelijk", ["Zorgcentrum {W}", "GGZ-praktijk {W}", "Psychologenpraktijk {S}"], (3, 14), "praktijk", 0.75),
    "bibliotheek": ("maatschappelijk", ["Bibliotheek {W}"], (18, 30), "bibliotheek", 0.7),
    "kerk": ("maatschappelijk", ["Kerkgemeente {W}"], (1, 3), "kerk", 0.6),
    "school": ("maatschappelijk", ["Gymnasium {W}"], (70, 95), "school", 0.8),
    "gezondheidscentrum": ("maatschappelijk", ["Gezondheidscentrum {W}"], (18, 30), "praktijk", 0.72),
    # ambacht
    "goudsmid": ("ambacht", ["Goudsmederij {S}", "Edelsmidse {W}"], (1, 3), "ambacht", 0.85),
    "meubelmaker": ("ambacht", ["Meubelmakerij {S}", "Houtwerkplaats {W}"], (1, 4), "ambacht", 0.85),
    "fietsenmaker": ("ambacht", ["Fietsenmakerij {S}", "Fietsherstel {W}"], (1, 3), "ambacht", 0.85),
    "lijstenmaker": ("ambacht", ["Lijstenmakerij {W}", "Inlijsterij {S}"], (1, 2), "ambacht", 0.8),
    "schoenmaker": ("ambacht", ["Schoenmakerij {S}", "Sleutel- en schoenservice {S}"], (1, 2), "ambacht", 0.8),
    "drukkerij": ("ambacht", ["Drukkerij {S}", "Drukwerkplaats {W}"], (3, 8), "ambacht", 0.88),
    "atelier": ("ambacht", ["Atelier {W}", "Keramiekatelier {F}"], (1, 2), "ambacht", 0.7),
}

BRANCH_MIX = {  # branch weights per function, and per zone where they differ
    "detailhandel": {
        KERN: {"mode": 24, "schoenen": 7, "boeken": 2, "drogisterij": 3, "optiek": 4, "juwelier": 4,
               "bloemen": 2, "cadeau": 5, "telefonie": 4, "wonen": 4, "sport": 3, "speelgoed": 2,
               "huishoud": 3, "parfumerie": 2, "bakker": 2, "slager": 1, "kaas": 1, "delicatessen": 2,
               "elektronica": 2, "lederwaren": 2, "tabak": 1, "muziek": 1, "hobby": 1},
        AANLOOP: {"mode": 9, "schoenen": 2, "boeken": 1, "optiek": 1, "juwelier": 2, "bloemen": 3,
                  "cadeau": 4, "telefonie": 3, "wonen": 5, "sport": 1, "bakker": 3, "slager": 2,
                  "kaas": 1, "delicatessen": 3, "fietsen": 3, "tweedehands": 5, "elektronica": 1,
                  "dieren": 2, "hobby": 3, "tabak": 2, "muziek": 1},
        OVERIG: {"mode": 6, "bloemen": 3, "cadeau": 3, "wonen": 5, "bakker": 3, "delicatessen": 3,
                 "fietsen": 3, "tweedehands": 4, "dieren": 2, "hobby": 2, "tabak": 2, "elektronica": 2},
    },
    "horeca": {KERN: {"restaurant": 24, "cafe": 22, "lunchroom": 16, "koffiebar": 12, "snackbar": 8, "ijssalon": 5},
               AANLOOP: {"restaurant": 28, "cafe": 22, "lunchroom": 12, "koffiebar": 6, "snackbar": 16, "ijssalon": 2},
               OVERIG: {"restaurant": 34, "cafe": 26, "lunchroom": 12, "koffiebar": 8, "snackbar": 12, "ijssalon": 3}},
    "dienstverlening": {
        KERN: {"kapper": 26, "schoonheid": 8, "nagelstudio": 5, "reisbureau": 6, "makelaar": 6,
               "uitzendbureau": 8, "stomerij": 2, "fotograaf": 2, "kledingreparatie": 3, "verzekeringen": 4, "tattoo": 2},
        AANLOOP: {"kapper": 30, "schoonheid": 12, "nagelstudio": 8, "reisbureau": 3, "makelaar": 10,
                  "uitzendbureau": 6, "stomerij": 3, "fotograaf": 3, "kledingreparatie": 4, "verzekeringen": 4, "tattoo": 4},
        OVERIG: {"kapper": 24, "schoonheid": 10, "nagelstudio": 6, "reisbureau": 2, "makelaar": 12,
                 "uitzendbureau": 6, "stomerij": 3, "fotograaf": 4, "kledingreparatie": 2, "verzekeringen": 6, "tattoo": 3}},
    "leisure": {None: {"fitness": 4, "escaperoom": 3, "speelhal": 2, "dansstudio": 4}},
    "cultuur": {None: {"galerie": 1}},
    "kantoor": {None: {"advocatuur": 10, "accountancy": 12, "notariaat": 4, "adviesbureau": 16, "ict": 10,
                       "verzekeraar": 7, "architect": 5, "media": 7}},
    "maatschappelijk": {None: {"huisarts": 5, "fysiotherapie": 6, "tandarts": 5, "kinderopvang": 3,
                               "welzijn": 4, "onderwijs": 4, "zorg": 7}},
    "ambacht": {None: {"goudsmid": 2, "meubelmaker": 2, "fietsenmaker": 2, "lijstenmaker": 1,
                       "schoenmaker": 2, "drukkerij": 1, "atelier": 2}},
}

# Invented chain names (deliberately no real brands).
# A chain has at most one branch in the centre at a time; when every name is taken the shop is independent.
CHAINS = {
    "mode": ["Modique", "Trendloft", "Jeanshuys", "Stijlpunt", "Noordmode", "Kledingkamer", "Lindegroen Mode",
             "Blauwdruk Jeans", "Urbano Fashion", "Zomerlicht Mode", "Kledij & Co", "Basiswear", "Modezaal Noord"],
    "schoenen": ["Voetstap Schoenen", "Zolenzaak", "Stapvast Schoenen", "Schoenenzolder"],
    "drogisterij": ["Drogisterij Helder", "Vitaalpunt Drogist", "Gezondpunt Drogisterij"],
    "optiek": ["Scherpzicht Opticiens", "Brilwerk", "Lenswijs Opticiens"],
    "juwelier": ["Glansrijk Juweliers", "Zilverlijn Sieraden"],
    "boeken": ["Boekenwolk", "Leespunt Boek & Kantoor", "Bladwijzer Boeken"],
    "speelgoed": ["Spelhuis", "Speelparadijs"],
    "telefonie": ["Bellink Telecom", "Belpunt Mobiel", "Mobielhuis"],
    "wonen": ["Huis & Haard", "Woonwerf Interieur", "Woonpakhuis", "Interieurplein"],
    "sport": ["Sportiq", "Sportmagazijn Noord"],
    "huishoud": ["Huishoudplein", "Allesvoordeel", "Prijsplein", "Keukenkast"],
    "parfumerie": ["Geurrijk Parfumerie", "Parfumeriehuys"],
    "cadeau": ["Hebbedingen", "Kadoplein"],
    "bakker": ["Bakkerij Goudkorst", "Bakkerij Korenbloem"],
    "elektronica": ["Stekkerstad", "Beeldgeluid Totaal"],
    "lederwaren": ["Tassenplein", "Koffer & Tas"],
    "koffiebar": ["Koffiebar Bonenrijk", "Bonenbar"],
    "snackbar": ["Burgerbar Smulhoek", "Frietpunt", "Snackhoek"],
    "restaurant": ["Pizzeria Forno Rosso", "Wokhuys", "Pastabar Al Dente"],
    "reisbureau": ["Reiswijzer", "Vakantiewinkel"],
    "uitzendbureau": ["Werkwijs Uitzendbureau", "Flexpunt", "Jobhuis"],
    "kapper": ["Knipperij", "Haarlijn", "Knipstudio"],
    "verzekeringen": ["Hypotheekhuis Noord", "Geldzaken Noord"],
    "fitness": ["Sportclub Fitpunt", "Sportstudio Actief"],
}
CHAIN_SHARE = {KERN: 0.42, AANLOOP: 0.12, OVERIG: 0.15}

SURNAMES = [
    "Bakker", "Jansen", "De Vries", "Visser", "Smit", "Meijer", "Mulder", "De Boer", "Bos", "Vos",
    "Dijkstra", "Hoekstra", "Kuiper", "Veenstra", "Wolters", "Hofstra", "Hilbrands", "Oosting",
    "Wubbels", "Hadders", "Meints", "Huizing", "Brinks", "Boelens", "Schuiling", "Westerhof", "Kamps",
    "Jalving", "Kremer", "Zwiers", "Eising", "Snijders", "Nijenhuis", "Hemmes", "Oldenhuis", "Timmer",
    "Lanting", "Reinders", "Steenbergen", "Bruins", "Koops", "Lamberts", "Bouwman", "Scholten",
    "Hulshof", "Brouwer", "Pots", "Kok", "Seinen", "Wieringa", "Tiggelaar", "Mensink", "Stoel",
    "Bolhuis", "Nijboer", "Kloosterman", "Dekker", "Boerema", "Roelofs", "Hummel", "Zuidema",
    "Keizer", "Prins", "Wever", "Moes", "Bulthuis", "Venema", "Staal", "Ensing", "Pol", "Tuin",
    "Haverkamp", "Dolfing", "Wessels", "Geertsema", "Alberts", "Luinge", "Bijl", "Kort", "Vedder",
]
FIRSTNAMES = [
    "Anne", "Bert", "Carla", "Dirk", "Els", "Fenna", "Gerrit", "Hilde", "Ineke", "Jan", "Karin",
    "Lammert", "Marieke", "Nienke", "Otto", "Petra", "Roelof", "Sanne", "Teun", "Wietske", "Harm",
    "Jikke", "Albert", "Gea", "Hennie", "Jelle", "Mirjam", "Sietse", "Froukje", "Egbert", "Lisa",
]
WORDS = [
    "Vaartzicht", "De Brink", "Het Hart", "De Kroon", "Het Singeltje", "De Vlinder", "Zonnehoek",
    "Het Anker", "De Zwaan", "Het Plein", "De Linde", "De Eik", "Het Bolwerk", "De Kolk", "Het Torentje",
    "De Poort", "Het Hoekje", "De Ster", "De Molen", "Het Venster", "De Schans", "Noorderzon",
    "De Drie Linden", "Het Kloosterhof", "De Vaart", "De Singel", "Het Gouden Uur", "De Smaak",
    "Het Klavertje", "De Hunebed", "Het Esdorp", "De Heide", "Het Veld", "De Tuin", "Het Atelier",
    "Lindehof", "De Kaap", "Het Baken", "De Wiek", "Het Spoor", "De Brug", "Het Park", "De Kade",
    "Het Zonnetje", "De Pauw", "De Sleutel", "Het Schip", "De Witte Raaf", "Het Lam", "De Ooievaar",
    "Noorderlicht", "Drentsche Aa", "Het Wapen", "De Gouden Leeuw", "Het Raadhuis", "Oranjerie",
    "De Boomgaard", "Het Pakhuis", "De Werf", "De Steeg", "Het Erf", "Ons Huis", "Het Kompas",
]

VACANCY_REASONS = [("bedrijfsbeëindiging", 30), ("faillissement", 22), ("verhuizing", 20),
                   ("huurbeëindiging", 22), ("onbekend", 6)]


# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------
def wchoice(weights):
    """A key of `weights` (a dict, iterated in insertion order) drawn by weight."""
    items = [(k, w) for k, w in weights.items() if w > 0]
    total = sum(w for _, w in items)
    r = rng.random() * total
    for k, w in items:
        r -= w
        if r < 0:
            return k
    return items[-1][0]


def weighted_sample(items, k, weight):
    """k distinct items, drawn without replacement with probability by weight (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / max(weight(it), 1e-9)), n, it) for n, it in enumerate(items)]
    keyed.sort(key=lambda t: (-t[0], t[1]))
    return [it for _, _, it in keyed[:k]]


def day_in(lo_excl, hi_incl, month_start=0.6):
    """A day d with lo_excl < d <= hi_incl; often the first of a month, as leases and registers go."""
    span = (hi_incl - lo_excl).days
    assert span >= 1, (lo_excl, hi_incl)
    d = lo_excl + rng.randint(1, span) * DAY
    if rng.random() < month_start:
        first = d.replace(day=1)
        if first > lo_excl:
            d = first
    return d


def month_after(d):
    return (d.replace(day=28) + 4 * DAY).replace(day=1)


def iso(d):
    return None if d is None else d.isoformat()


def contains(start, until, day):
    return start <= day and (until is None or day < until)


# --------------------------------------------------------------------------------------------------
# Premises
# --------------------------------------------------------------------------------------------------
PREMISES = []


def new_premises(street, zone, number, addition, postcode, floor, lat, lon, function, kind,
                 exists_from=REG, exists_until=None):
    p = {
        "street": street, "number": str(number), "addition": addition, "postcode": postcode,
        "zone": zone, "floorArea": floor, "lat": lat, "lon": lon, "owner": None,
        "dwellingsAbove": "geen", "existsFrom": exists_from, "existsUntil": exists_until,
        "functions": [(exists_from, function)], "vacancies": [], "temporaryUses": [],
        "functionChange": None,
        "_kind": kind, "_scripted": False, "_i": len(PREMISES), "_num": int(number),
        "_side": int(number) % 2, "_locations": [],
    }
    PREMISES.append(p)
    return p


def floor_for(function, zone, upstairs=False):
    median = {"detailhandel": 125, "horeca": 120, "dienstverlening": 75, "leisure": 220, "cultuur": 110,
              "kantoor": 170, "maatschappelijk": 240, "ambacht": 90, "wonen": 85}[function]
    if function in SALES_FUNCTIONS and zone == AANLOOP:
        median *= 0.75
    elif function in SALES_FUNCTIONS and zone == OVERIG:
        median *= 0.85
    if upstairs:
        median = 110 if function == "kantoor" else 75
    area = median * math.exp(rng.gauss(0, 0.5))
    area = min(max(area, 28), 640)
    return int(round(area / 5.0) * 5)


def postcode(digits, letters, number):
    block = (number - 1) // 24  # a new postcode every dozen numbers on a side
    first, second = letters[0], ord(letters[1]) + 2 * block + (number % 2 == 0)
    if second > ord("Z"):
        first, second = chr(ord(first) + 1), second - 26
    return "%s %s%s" % (digits, first, chr(second))


def layout_streets():
    for (name, zone, n_sales, n_other, n_up, a, b, pc_digits, pc_letters) in STREETS:
        total = n_sales + n_other
        numbers, n = [], 1
        for _ in range(total):
            numbers.append(n)
            n += 1 if rng.random() > 0.07 else 2  # now and then a number that is not a premises
        max_along = (numbers[-1] + 1) // 2
        other_idx = sorted(rng.sample(range(total), n_other))
        mix = STREET_MIX.get(name, SALES_MIX[zone])
        # perpendicular unit vector (in metres-ish) for the two sides of the street
        coslat = math.cos(math.radians(a[0]))
        dy, dx = (b[0] - a[0]), (b[1] - a[1]) * coslat
        length = math.hypot(dy, dx) or 1.0
        py, px = -dx / length, dy / length
        ground = []
        for i, num in enumerate(numbers):
            along = ((num + 1) // 2 - 0.5) / max_along
            side = 1 if num % 2 else -1
            off = 0.000065
            lat = a[0] + (b[0] - a[0]) * along + side * off * py + rng.uniform(-0.000008, 0.000008)
            lon = a[1] + (b[1] - a[1]) * along + side * off * px / coslat + rng.uniform(-0.000012, 0.000012)
            addition = "A" if rng.random() < 0.03 else None
            if i in other_idx:
                function = wchoice(OTHER_MIX[zone])
                kind = "other"
            else:
                function = wchoice(mix)
                kind = "sales"
            p = new_premises(name, zone, num, addition, postcode(pc_digits, pc_letters, num),
                             floor_for(function, zone), round(lat, 6), round(lon, 6), function, kind)
            ground.append(p)
        shops = [p for p in ground if p["_kind"] == "sales" and p["addition"] is None]
        for p in sorted(rng.sample(shops, n_up), key=lambda q: q["_num"]):
            function = wchoice(UPSTAIRS_MIX)
            q = new_premises(name, zone, p["_num"], "1", p["postcode"], floor_for(function, zone, True),
                             p["lat"], p["lon"], function, "upstairs")
            q["_below"] = p


# --------------------------------------------------------------------------------------------------
# Businesses
# --------------------------------------------------------------------------------------------------
BUSINESSES = []
USED_NAMES = {}
KVK_USED = {}
CHAIN_KVK = {}


def fill_template(template):
    return (template.replace("{S}", rng.choice(SURNAMES)).replace("{T}", rng.choice(SURNAMES))
            .replace("{W}", rng.choice(WORDS)).replace("{F}", rng.choice(FIRSTNAMES)))


def fresh_kvk():
    while True:
        number = "%08d" % rng.randint(10000000, 99999999)
        if number not in KVK_USED:
            KVK_USED[number] = True
            return number


def hours_for(kind, chain):
    def week(**days):
        return {d: days.get(d) for d in ("ma", "di", "wo", "do", "vr", "za", "zo")}
    if kind == "retail":
        open_ = rng.choice(["09:30", "10:00", "09:00"])
        mon = None if (not chain and rng.random() < 0.35) else rng.choice(["13:00-18:00", "12:00-18:00", open_ + "-18:00"])
        return week(ma=mon, di=open_ + "-18:00", wo=open_ + "-18:00", do=open_ + "-21:00", vr=open_ + "-18:00",
                    za=open_ + "-17:00", zo="12:00-17:00" if (chain and rng.random() < 0.6) else None)
    if kind == "bakker":
        return week(ma="08:00-18:00", di="08:00-18:00", wo="08:00-18:00", do="08:00-18:00", vr="08:00-18:00",
                    za="08:00-17:00")
    if kind == "supermarkt":
        return week(ma="08:00-21:00", di="08:00-21:00", wo="08:00-21:00", do="08:00-21:00", vr="08:00-21:00",
                    za="08:00-20:00", zo="12:00-18:00")
    if kind == "restaurant":
        late = rng.choice(["17:00-22:00", "17:00-22:30", "12:00-22:00"])
        closed_tue = rng.random() < 0.5
        return week(wo=late, do=late, vr=late, za=late, zo=late, di=None if closed_tue else late)
    if kind == "cafe":
        return week(ma=None if rng.random() < 0.4 else "12:00-23:00", di="12:00-23:00", wo="12:00-23:00",
                    do="12:00-23:30", vr="11:00-23:59", za="11:00-23:59", zo="12:00-22:00")
    if kind == "lunch":
        return week(ma=None if rng.random() < 0.5 else "10:00-17:00", di="09:00-17:00", wo="09:00-17:00",
                    do="09:00-17:00", vr="09:00-17:00", za="09:00-17:00", zo="11:00-17:00" if rng.random() < 0.4 else None)
    if kind == "snack":
        return week(ma="11:30-21:00", di="11:30-21:00", wo="11:30-21:00", do="11:30-21:00", vr="11:30-22:00",
                    za="11:30-22:00", zo="15:00-21:00")
    if kind == "ijs":
        return {d: "12:00-21:00" for d in ("ma", "di", "wo", "do", "vr", "za", "zo")}
    if kind == "hotel":
        return {d: "07:00-23:00" for d in ("ma", "di", "wo", "do", "vr", "za", "zo")}
    if kind == "kapper":
        return week(di="09:00-17:30", wo="09:00-17:30", do="09:00-21:00", vr="09:00-17:30", za="08:30-16:00")
    if kind == "salon":
        return week(di="09:00-17:00", wo="09:00-17:00", do="09:00-17:00", vr="09:00-17:00",
                    za="10:00-16:00" if rng.random() < 0.6 else None)
    if kind == "office_shop":
        return week(ma="09:00-17:30", di="09:00-17:30", wo="09:00-17:30", do="09:00-17:30", vr="09:00-17:30",
                    za="10:00-16:00" if rng.random() < 0.4 else None)
    if kind == "bank":
        return week(ma="09:30-16:00", di="09:30-16:00", wo="09:30-16:00", do="09:30-16:00", vr="09:30-16:00")
    if kind == "fitness":
        return week(ma="07:00-22:00", di="07:00-22:00", wo="07:00-22:00", do="07:00-22:00", vr="07:00-21:00",
                    za="09:00-16:00", zo="09:00-14:00")
    if kind == "escape":
        return week(wo="13:00-22:00", do="13:00-22:00", vr="13:00-23:00", za="10:00-23:00", zo="12:00-20:00")
    if kind == "speelhal":
        return {d: "10:00-23:00" for d in ("ma", "di", "wo", "do", "vr", "za", "zo")}
    if kind == "bioscoop":
        return {d: "13:00-23:30" for d in ("ma", "di", "wo", "do", "vr", "za", "zo")}
    if kind == "galerie":
        return week(do="12:00-17:00", vr="12:00-17:00", za="11:00-17:00", zo="13:00-17:00" if rng.random() < 0.5 else None)
    if kind == "museum":
        return week(di="11:00-17:00", wo="11:00-17:00", do="11:00-17:00", vr="11:00-17:00", za="11:00-17:00",
                    zo="11:00-17:00")
    if kind == "theater":
        return week(di="12:00-17:00", wo="12:00-22:30", do="12:00-22:30", vr="12:00-23:00", za="12:00-23:00",
                    zo="13:00-22:00")
    if kind == "kantoor":
        return week(ma="08:30-17:00", di="08:30-17:00", wo="08:30-17:00", do="08:30-17:00", vr="08:30-17:00")
    if kind == "praktijk":
        return week(ma="08:00-17:00", di="08:00-17:00", wo="08:00-17:00", do="08:00-17:00", vr="08:00-17:00")
    if kind == "opvang":
        return week(ma="07:30-18:30", di="07:30-18:30", wo="07:30-18:30", do="07:30-18:30", vr="07:30-18:30")
    if kind == "school":
        return week(ma="08:00-17:00", di="08:00-17:00", wo="08:00-17:00", do="08:00-17:00", vr="08:00-16:00")
    if kind == "bibliotheek":
        return week(ma="13:00-18:00", di="10:00-18:00", wo="10:00-18:00", do="10:00-20:00", vr="10:00-18:00",
                    za="10:00-16:00")
    if kind == "kerk":
        return week(wo="10:00-12:00", za="10:00-12:00", zo="09:30-12:00")
    if kind == "ambacht":
        return week(di="09:00-17:00", wo="09:00-17:00", do="09:00-17:00", vr="09:00-17:00",
                    za="10:00-16:00" if rng.random() < 0.5 else None)
    raise ValueError(kind)


CHAIN_SPANS = {}  # chain name -> [(from, until)] of its branches in the centre


def overlaps(spans, start, until):
    return any(start < (u or END) and s < (until or END) for s, u in spans)


def independent_name(branch):
    templates = BRANCHES[branch][1]
    for _ in range(200):
        name = fill_template(rng.choice(templates))
        if name not in USED_NAMES:
            return name
    raise RuntimeError("no fresh name for " + branch)


def new_business(branch, zone, founded, name=None, chain=None, persons=None, zero=False, span=None):
    function, templates, (lo, hi), hours_kind, fte_factor = BRANCHES[branch]
    if chain is None:
        chain = branch in CHAINS and rng.random() < CHAIN_SHARE[zone]
        if chain:
            free_names = [n for n in CHAINS[branch] if not overlaps(CHAIN_SPANS.get(n, []), *span)]
            if free_names:
                name = rng.choice(free_names)
            else:
                chain = False
    if name is None:
        name = independent_name(branch)
    USED_NAMES[name] = True
    if chain:
        if name not in CHAIN_KVK:
            CHAIN_KVK[name] = fresh_kvk()
        kvk = CHAIN_KVK[name]  # a chain's branches share the company's number
    else:
        kvk = fresh_kvk() if rng.random() < 0.88 else None
    fixed = persons is not None
    if persons is None:
        persons = rng.randint(lo, hi)
        if chain:
            persons = int(round(persons * 1.5)) + 1
    if zero:
        persons = 0
    b = {
        "name": name, "branch": branch, "chain": chain, "kvk": kvk,
        "openingHours": hours_for(hours_kind, chain), "jobs": [], "locations": [],
        "_founded": founded, "_p0": persons, "_fixed": fixed, "_zero": zero,
        "_fte": max(0.35, min(1.0, fte_factor + rng.uniform(-0.07, 0.07))), "_i": len(BUSINESSES),
    }
    BUSINESSES.append(b)
    return b


def locate(b, p, start, until=None):
    assert start >= p["existsFrom"], (p["street"], p["number"], start)
    if p["existsUntil"] is not None:
        assert until is not None and until <= p["existsUntil"], (p["street"], p["number"], until)
    loc = {"premises": p, "from": start, "until": until}
    if b["chain"]:
        CHAIN_SPANS.setdefault(b["name"], []).append((start, until))
    b["locations"].append(loc)
    p["_locations"].append((b, loc))
    return loc


def vacate(p, start, until, reason):
    p["vacancies"].append({"from": start, "until": until, "reason": reason})


def founding_for(start):
    """When a business that moved into a unit on `start` was founded."""
    if start == REG:
        return D("%d-%02d-01" % (rng.randint(1958, 1999), rng.randint(1, 12)))
    if rng.random() < 0.3:  # moved in from elsewhere
        earlier = start - rng.randint(365, 10 * 365) * DAY
        return max(earlier.replace(day=1), D("1970-01-01"))
    return start


def branch_for(function, zone):
    mix = BRANCH_MIX[function]
    return wchoice(mix.get(zone, mix.get(None)))


# --------------------------------------------------------------------------------------------------
# Picking premises for the hand-written histories
# --------------------------------------------------------------------------------------------------
def free(street, kind="sales", function=None):
    return [p for p in PREMISES if p["street"] == street and p["_kind"] == kind and not p["_scripted"]
            and p["addition"] is None and (function is None or p["functions"][0][1] == function)]


def pick(street, kind="sales", function=None, set_function=None, floor=None):
    candidates = free(street, kind, function) or free(street, kind)
    p = rng.choice(candidates)
    p["_scripted"] = True
    if set_function:
        p["functions"] = [(p["existsFrom"], set_function)]
    if floor:
        p["floorArea"] = floor
    return p


def pick_pair(street, function=None, floors=None):
    """Two neighbouring verkooppunten on one side of the street (numbers n and n+2)."""
    by_num = {p["_num"]: p for p in free(street)}
    nums = sorted(by_num)
    rng.shuffle(nums)
    for n in nums:
        if n + 2 in by_num:
            a, b = by_num[n], by_num[n + 2]
            for p in (a, b):
                p["_scripted"] = True
                if function:
                    p["functions"] = [(p["existsFrom"], function)]
            if floors:
                a["floorArea"], b["floorArea"] = floors
            return a, b
    raise RuntimeError("no neighbouring pair in " + street)


def successor(p, number, addition, floor, start, function, until=None, nudge=0.0):
    """A premises that begins on `start` at the place of `p` (after a split or a merger)."""
    q = new_premises(p["street"], p["zone"], number, addition, p["postcode"], floor,
                     round(p["lat"] + nudge, 6), round(p["lon"] + nudge, 6), function, "sales",
                     exists_from=start, exists_until=until)
    q["_scripted"] = True
    return q


def change_function(p, day, function, stage="gerealiseerd"):
    old = p["functions"][-1][1]
    p["functions"].append((day, function))
    p["functionChange"] = {"from": old, "to": function, "stage": stage}
    if function not in SALES_FUNCTIONS:
        p["_kind"] = "other"


def tenants_before(p, until, zone, function=None, min_start=REG):
    """One or two earlier occupants of `p` from `min_start` until `until` (no gap)."""
    function = function or p["functions"][0][1]
    if until - min_start > 9 * 365 * DAY and rng.random() < 0.4:
        mid = day_in(min_start + 3 * 365 * DAY, until - 2 * 365 * DAY)
        spans = [(min_start, mid), (mid, until)]
    else:
        spans = [(min_start, until)]
    last = None
    for start, end in spans:
        last = new_business(branch_for(function, zone), zone, founding_for(start), span=(start, end))
        locate(last, p, start, end)
    return last


# --------------------------------------------------------------------------------------------------
# The hand-written histories
# --------------------------------------------------------------------------------------------------
def scripted():
    # 1. A department store in two neighbouring units on Koopmansplein, one vestiging; owners' association.
    a, b = pick_pair("Koopmansplein", "detailhandel", (1850, 320))
    store = new_business("warenhuis", KERN, D("1968-03-01"), name="Warenhuis Centraal", chain=True, persons=54)
    for p in (a, b):
        locate(store, p, REG)
        p["owner"] = "vvac"
        p["dwellingsAbove"] = "mogelijk"

    # 2. A grand café in two units on the Brink.
    a, b = pick_pair("Brink", "horeca", (190, 140))
    cafe = new_business("cafe", KERN, D("1994-05-01"), name="Grand café Het Brinkhuis", chain=False, persons=14)
    locate(cafe, a, REG)
    locate(cafe, b, REG)

    # 3. A bookshop in two units on Kruisstraat.
    a, b = pick_pair("Kruisstraat", "detailhandel", (230, 110))
    books = new_business("boeken", KERN, D("1987-09-01"), name="Boekhandel Vaartzicht", chain=False, persons=9)
    locate(books, a, REG)
    locate(books, b, REG)

    # 4. A fashion chain that took two units on Gedempte Singel in 2010.
    a, b = pick_pair("Gedempte Singel", "detailhandel", (260, 200))
    tenants_before(a, D("2009-11-01"), KERN)
    vacate(a, D("2009-11-01"), D("2010-03-01"), "bedrijfsbeëindiging")
    tenants_before(b, D("2010-03-01"), KERN)
    fashion = new_business("mode", KERN, D("2010-03-01"), name="Noordmode", chain=True, persons=13)
    locate(fashion, a, D("2010-03-01"))
    locate(fashion, b, D("2010-03-01"))

    # 5. A shoe shop on Oudestraat that took over its empty neighbour in 2019.
    a, b = pick_pair("Oudestraat", "detailhandel", (170, 120))
    shoes = new_business("schoenen", KERN, D("1991-02-01"), name="Schoenhuis Hadders", chain=False, persons=6)
    locate(shoes, a, REG)
    tenants_before(b, D("2017-04-15"), KERN)
    vacate(b, D("2017-04-15"), D("2019-05-01"), "faillissement")
    locate(shoes, b, D("2019-05-01"))
    shoes["_extra_jobs"] = [(D("2019-05-01"), 8)]

    # 6. Three supermarkets.
    for street, zone, area, name, persons in (("Gedempte Singel", KERN, 1350, "Supermarkt Dagvers", 46),
                                              ("Nieuwe Huizen", AANLOOP, 950, "Buurtmarkt Vers & Voordelig", 31),
                                              ("Singelpassage", KERN, 1150, "Supermarkt Korenschoof", 40)):
        p = pick(street, set_function="detailhandel", floor=area)
        locate(new_business("supermarkt", zone, D("1985-01-01"), name=name, chain=True, persons=persons), p, REG)
        p["dwellingsAbove"] = "geen"

    # 7. Museum, theatre, cinema and hotel.
    p = pick("Brink", set_function="cultuur", floor=1800)
    locate(new_business("museum", KERN, D("1960-01-01"), name="Museum aan de Brink", chain=False, persons=71), p, REG)
    p = pick("Koopmansplein", set_function="cultuur", floor=1600)
    locate(new_business("theater", KERN, D("1973-09-01"), name="Theater en filmhuis Het Plein", chain=False,
                        persons=37), p, REG)
    p = pick("Havenkade", set_function="leisure", floor=1200)
    tenants_before(p, D("2011-06-01"), OVERIG, function="detailhandel")
    vacate(p, D("2011-06-01"), D("2013-10-01"), "verhuizing")
    locate(new_business("bioscoop", OVERIG, D("2013-10-01"), name="Filmtheater Havenkade", chain=True, persons=16),
           p, D("2013-10-01"))
    p = pick("Brink", set_function="horeca", floor=820)
    locate(new_business("hotel", KERN, D("1978-04-01"), name="Hotel aan de Brink", chain=False, persons=19), p, REG)

    # 8. A former department store on Oudestraat: bankrupt in 2016, empty for years, split into three units
    #    in October 2019; the new units carry on the vacancy of the old one (its duration stays honest).
    big = pick("Oudestraat", set_function="detailhandel", floor=2400)
    big["owner"] = "vvac"
    dept = new_business("warenhuis", KERN, D("1972-10-01"), name="Warenhuis Noorderpoort", chain=True, persons=58)
    locate(dept, big, REG, D("2016-02-15"))
    split = D("2019-10-01")
    big["existsUntil"] = split
    vacate(big, D("2016-02-15"), split, "faillissement")
    parts = [successor(big, big["_num"], "A", 1100, split, "detailhandel"),
             successor(big, big["_num"], "B", 650, split, "horeca", nudge=0.00002),
             successor(big, big["_num"], "C", 600, split, "detailhandel", nudge=0.00004)]
    for q in parts:
        q["owner"] = "vvac"
        q["dwellingsAbove"] = "gepland"
    vacate(parts[0], D("2016-02-15"), D("2020-03-01"), "faillissement")
    locate(new_business("mode", KERN, D("2020-03-01"), name="Trendloft", chain=True, persons=12), parts[0],
           D("2020-03-01"))
    vacate(parts[1], D("2016-02-15"), D("2020-09-01"), "faillissement")
    locate(new_business("restaurant", KERN, D("2020-09-01"), name="Eethuis De Poort", chain=False, persons=11),
           parts[1], D("2020-09-01"))
    vacate(parts[2], D("2016-02-15"), None, "faillissement")
    parts[2]["temporaryUses"].append({"user": "Informatiepunt Koopmansplein", "from": D("2020-01-15"),
                                      "until": D("2020-10-01"), "openToPublic": True, "tidyFrontage": True,
                                      "takesPart": True})

    # 9. A split on Kruisstraat in 2015: one large unit became two.
    old = pick("Kruisstraat", set_function="detailhandel", floor=400)
    tenants_before(old, D("2015-01-20"), KERN, function="detailhandel")
    day = D("2015-06-01")
    old["existsUntil"] = day
    vacate(old, D("2015-01-20"), day, "bedrijfsbeëindiging")
    one = successor(old, old["_num"], "A", 215, day, "detailhandel")
    two = successor(old, old["_num"], "B", 185, day, "dienstverlening", nudge=0.00002)
    vacate(one, D("2015-01-20"), D("2015-10-01"), "bedrijfsbeëindiging")
    locate(new_business("telefonie", KERN, D("2015-10-01"), name="Bellink Telecom", chain=True, persons=5), one,
           D("2015-10-01"))
    vacate(two, D("2015-01-20"), D("2017-08-01"), "bedrijfsbeëindiging")
    locate(new_business("kapper", KERN, D("2017-08-01"), chain=False, span=(D("2017-08-01"), None)), two, D("2017-08-01"))

    # 10. A merger on Kruisstraat in 2016: two empty units became one for a sports chain.
    a, b = pick_pair("Kruisstraat", "detailhandel", (150, 170))
    day = D("2016-09-01")
    for p, left, reason in ((a, D("2015-11-01"), "verhuizing"), (b, D("2016-03-01"), "faillissement")):
        tenants_before(p, left, KERN)
        vacate(p, left, day, reason)
        p["existsUntil"] = day
    merged = successor(a, a["_num"], None, 320, day, "detailhandel")
    vacate(merged, day, D("2017-02-01"), "verbouwing")
    locate(new_business("sport", KERN, D("2017-02-01"), name="Sportiq", chain=True, persons=10), merged,
           D("2017-02-01"))

    # 11. A merger on Marktstraat in 2019: a café takes in its empty neighbour.
    a, b = pick_pair("Marktstraat", "horeca", (140, 110))
    day = D("2019-04-01")
    kroon = new_business("cafe", KERN, D("1996-06-01"), name="Café De Kroon", chain=False, persons=7)
    locate(kroon, a, REG, day)
    tenants_before(b, D("2017-05-01"), KERN)
    vacate(b, D("2017-05-01"), day, "huurbeëindiging")
    a["existsUntil"] = b["existsUntil"] = day
    merged = successor(a, a["_num"], None, 250, day, "horeca")
    locate(kroon, merged, day)
    kroon["_extra_jobs"] = [(day, 10)]

    # 12. Verkleuring of aanloopstraten: shops that became dwellings, services or workshops; one office.
    conversions = [
        ("Torenlaan", D("2013-05-01"), D("2017-03-01"), "wonen", None),
        ("Vaart Zuidzijde", D("2015-08-01"), D("2016-05-01"), "kantoor", "architect"),
        ("Weiersstraat", D("2014-02-01"), D("2017-09-01"), "ambacht", "goudsmid"),
        ("Rolderstraat", D("2013-09-01"), D("2018-03-01"), "wonen", None),
        ("Nieuwe Huizen", D("2015-04-01"), D("2018-05-01"), "dienstverlening", "schoonheid"),
        ("Kloosterstraat", D("2014-06-01"), D("2018-09-01"), "wonen", None),
        ("Groningerstraat", D("2016-01-15"), D("2019-02-01"), "wonen", None),
        ("Rolderstraat", D("2016-06-01"), D("2019-03-01"), "dienstverlening", "makelaar"),
        ("Torenlaan", D("2014-11-01"), D("2019-06-01"), "wonen", None),
        ("Rolderstraat", D("2017-02-01"), D("2019-09-01"), "ambacht", "fietsenmaker"),
        ("Weiersstraat", D("2016-10-01"), D("2019-09-01"), "dienstverlening", "kapper"),
        ("Nieuwe Huizen", D("2013-03-01"), D("2019-11-01"), "wonen", None),
        ("Groningerstraat", D("2015-09-01"), D("2020-04-01"), "wonen", None),
        ("Kloosterstraat", D("2017-06-01"), D("2020-06-01"), "dienstverlening", "fysiotherapie"),
        ("Rolderstraat", D("2014-08-01"), D("2020-10-01"), "wonen", None),
    ]
    for street, empty_since, day, function, branch in conversions:
        zone = AANLOOP if street not in ("Vaart Zuidzijde",) else OVERIG
        p = pick(street, function="detailhandel", set_function="detailhandel")
        tenants_before(p, empty_since, zone)
        vacate(p, empty_since, day, rng.choice(["bedrijfsbeëindiging", "faillissement", "huurbeëindiging"]))
        if function == "dienstverlening" and branch == "fysiotherapie":
            # a physiotherapist is a practice, not an outlet: the unit leaves the verkooppunten
            change_function(p, day, "maatschappelijk")
            locate(new_business(branch, zone, day, chain=False, span=(day, None)), p, day)
        elif branch is not None:
            change_function(p, day, function)
            locate(new_business(branch, zone, founding_for(day), chain=False, span=(day, None)), p, day)
        else:
            change_function(p, day, function)
            p["dwellingsAbove"] = "aanwezig"

    # 13. Volunteer-run outlets: occupied, but no one works 12 hours a week, so LISA counts no vestiging.
    for street, zone, function, branch, name, start, before in (
            ("Kloosterstraat", AANLOOP, "detailhandel", "cadeau", "Fairtradewinkel De Brug", D("2006-04-01"), None),
            ("Rolderstraat", AANLOOP, "detailhandel", "tweedehands", "Kringloopwinkel Tweede Leven",
             D("2016-06-01"), D("2014-09-01")),
            ("Kerkplein", KERN, "cultuur", "galerie", "Expositieruimte Historisch Assen", D("2011-01-01"), None)):
        p = pick(street, set_function=function)
        if before:
            tenants_before(p, before, zone)
            vacate(p, before, start, "faillissement")
        else:
            tenants_before(p, start, zone)
        b = new_business(branch, zone, start, name=name, chain=False, zero=True)
        locate(b, p, start)

    # 14. Large employers and other fixed tenants outside the verkooppunten (always occupied).
    anchors = [
        ("Noordersingel", "kantoor", 2500, "openbaar bestuur", "Stadskantoor (gemeentelijke diensten)", 262),
        ("Noordersingel", "kantoor", 950, "woningcorporatie", "Woonstichting Het Noorderhuis", 44),
        ("Noordersingel", "kantoor", 1100, "zorgadministratie", "Zorgadministratie Noord", 58),
        ("Zuidersingel", "kantoor", 1200, "bank", "Streekbank, regiokantoor", 52),
        ("Zuidersingel", "maatschappelijk", 800, "gezondheidscentrum", "Gezondheidscentrum Zuidersingel", 24),
        ("Gymnasiumstraat", "maatschappelijk", 2400, "school", "Gymnasium aan de Singel", 84),
        ("Kloosterstraat", "maatschappelijk", 900, "bibliotheek", "Bibliotheek Binnenstad", 23),
        ("Kerkplein", "maatschappelijk", 650, "kerk", "Kerkgemeente Kerkplein", 2),
        ("Groningerstraat", "kantoor", 420, "redactie", "Redactie regionale krant, kantoor Assen", 14),
    ]
    for street, function, area, branch, name, persons in anchors:
        p = pick(street, kind="other", set_function=function, floor=area)
        zone = p["zone"]
        b = new_business(branch, zone, founding_for(REG), name=name, chain=branch == "bank", persons=persons)
        locate(b, p, REG)


# --------------------------------------------------------------------------------------------------
# The app's counting rules (Sources/StadshartCore/Register), re-implemented
# --------------------------------------------------------------------------------------------------
def exists(p, day):
    return contains(p["existsFrom"], p["existsUntil"], day)


def function_at(p, day):
    """PremisesFacts.function(at:): the last change on or before the day (stable sort: last listed wins)."""
    if not exists(p, day):
        return None
    current = None
    for start, function in sorted(p["functions"], key=lambda f: f[0]):  # Python's sort is stable
        if start <= day:
            current = function
    return current


def vacancy_at(p, day):
    """PremisesFacts.vacancy(at:): periods that overlap or touch are one vacancy, from the first start."""
    if not exists(p, day):
        return None
    periods = sorted([v for v in p["vacancies"] if v["until"] is None or v["until"] > v["from"]],
                     key=lambda v: v["from"])
    current = None
    for v in periods:
        if current is not None and (current[1] is None or v["from"] <= current[1]):
            later = None if (current[1] is None or v["until"] is None) else max(current[1], v["until"])
            current = (current[0], later)
        else:
            if current is not None and contains(current[0], current[1], day):
                return current
            current = (v["from"], v["until"])
    if current is not None and contains(current[0], current[1], day):
        return current
    return None


def anniversary(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a common year goes to 1 March
        return dt.date(d.year + years, 3, 1)


def duration_class(since, at):
    if at >= anniversary(since, 3):
        return "structureel"
    if at >= anniversary(since, 1):
        return "langdurig"
    return "frictioneel"


def vacancy_figures(premises, day, zone=None):
    units = vacant = area = vacant_area = 0
    by_duration = {"frictioneel": 0, "langdurig": 0, "structureel": 0}
    for p in premises:
        if function_at(p, day) not in SALES_FUNCTIONS:
            continue
        if zone is not None and p["zone"] != zone:
            continue
        units += 1
        area += p["floorArea"]
        v = vacancy_at(p, day)
        if v is None:
            continue
        vacant += 1
        vacant_area += p["floorArea"]
        by_duration[duration_class(v[0], day)] += 1
    return {"units": units, "vacant": vacant, "area": area, "vacantArea": vacant_area, "byDuration": by_duration}


def jobs_at(b, day):
    """BusinessFacts.jobs(at:): the last change on or before the day, 0 before the first, never below 0."""
    persons = None
    for rec in sorted(b["jobs"], key=lambda r: r["from"]):
        if rec["from"] <= day:
            persons = rec["persons"]
    return max(0, persons or 0)


def occupies(b, day):
    return any(contains(loc["from"], loc["until"], day) for loc in b["locations"])


def employment(businesses, day):
    count = jobs = 0
    for b in businesses:
        if not occupies(b, day):
            continue
        persons = jobs_at(b, day)
        if persons < 1:
            continue
        count += 1
        jobs += persons
    return count, jobs


def dutch_percent(ratio, decimals=1):
    """Percent.dutch: rounded half away from zero, decimal comma, a space before the sign."""
    if ratio is None:
        return "—"
    scale = 10.0 ** decimals
    x = ratio * 100 * scale
    whole = math.floor(abs(x))
    if abs(x) - whole >= 0.5:
        whole += 1
    units = int(whole)
    text = "-" if x < 0 and units else ""
    text += "{:,}".format(units // int(scale)).replace(",", ".")
    if decimals:
        text += "," + str(units % int(scale)).rjust(decimals, "0")
    return text + " %"


def rate(part, whole):
    return None if whole == 0 else part / whole


# --------------------------------------------------------------------------------------------------
# Generic verkooppunten: states on the reference dates, then dated histories
# --------------------------------------------------------------------------------------------------
def assign_states(units, vacant_targets, weight, exit_rates, stickiness=0.65, trend=lambda u, k: 1.0):
    """For each unit a list of booleans (vacant on CP[k]) with exactly vacant_targets[k] vacant.

    A unit falls vacant with probability by weight x trend (the trend of its zone in that year) and
    is let again with probability by 1 / (weight x trend), less so the longer it has stood empty."""
    states = {u["_i"]: [False] * len(CP) for u in units}
    vacant = weighted_sample(units, vacant_targets[0], weight)
    run = {u["_i"]: 0 for u in units}
    for u in vacant:
        states[u["_i"]][0] = True
        run[u["_i"]] = 1 + (rng.random() < 0.5)
    for k in range(1, len(CP)):
        exits = int(round(exit_rates[k] * len(vacant)))
        entries = vacant_targets[k] - (len(vacant) - exits)
        if entries < 0:
            exits -= entries
            entries = 0
        leaving = weighted_sample(vacant, exits,
                                  lambda u: (1.0 / (weight(u) * trend(u, k))) * (stickiness ** run[u["_i"]]))
        leaving_ids = [u["_i"] for u in leaving]
        occupied = [u for u in units if not states[u["_i"]][k - 1]]
        coming = weighted_sample(occupied, entries, lambda u: weight(u) * trend(u, k))
        vacant = [u for u in vacant if u["_i"] not in leaving_ids] + coming
        vacant.sort(key=lambda u: u["_i"])
        for u in units:
            states[u["_i"]][k] = False
        for u in vacant:
            states[u["_i"]][k] = True
            run[u["_i"]] = run[u["_i"]] + 1 if states[u["_i"]][k - 1] else 1
        assert len(vacant) == vacant_targets[k]
    return states


def vacancy_start_before(first_cp):
    r = rng.random()
    year = 2014 if r < 0.34 else 2013 if r < 0.56 else 2012 if r < 0.72 else 2011 if r < 0.84 else rng.randint(2006, 2010)
    lo = D("%d-12-31" % (year - 1))
    hi = min(D("%d-12-31" % year), first_cp - DAY)
    return day_in(lo, hi)


def close_reason():
    return wchoice(dict(VACANCY_REASONS))


def seg(kind, start, end=None, reason=None):
    return {"kind": kind, "start": start, "end": end, "reason": reason, "tag_in": None, "tag_out": None}


def build_timeline(st, fixed, turnover, multi=False):
    """Segments (occupied/vacant) from REG on, matching the states st on CP; fixed: k -> (date, tag, side)."""
    segs = []
    if not st[0]:
        if rng.random() < 0.45:
            segs.append(seg("occ", REG))
        else:
            start = day_in(REG + 400 * DAY, CP[0] - 60 * DAY)
            prev_end = start
            if rng.random() < 0.45:
                prev_end = start - rng.randint(20, 320) * DAY
                if prev_end <= REG + 200 * DAY:
                    prev_end = start
            if multi:
                if prev_end < start or rng.random() < 0.5:
                    segs.append(seg("vac", REG, start))
                else:
                    segs.append(seg("occ", REG, start))
            else:
                segs.append(seg("occ", REG, prev_end))
                if prev_end < start:
                    segs.append(seg("vac", prev_end, start, "huurbeëindiging"))
            segs.append(seg("occ", start))
    else:
        since = vacancy_start_before(CP[0])
        if multi and rng.random() < 0.5:
            segs.append(seg("vac", REG, None, None))
        else:
            if since > D("2005-01-01") and rng.random() < 0.3:
                mid = day_in(REG + 365 * DAY, since - 300 * DAY)
                segs.append(seg("occ", REG, mid))
                segs.append(seg("occ", mid, since))
            else:
                segs.append(seg("occ", REG, since))
            segs.append(seg("vac", since, None, close_reason()))
    for k in range(1, len(CP)):
        lo, hi = CP[k - 1], CP[k]
        cur = segs[-1]
        was, now = st[k - 1], st[k]
        if not was and now:
            d, tag = fixed.get(k, (None, None))
            d = d or day_in(lo, hi)
            cur["end"] = d
            cur["tag_out"] = tag
            segs.append(seg("vac", d, None, "verhuizing" if tag else close_reason()))
        elif was and not now:
            d, tag = fixed.get(k, (None, None))
            d = d or day_in(lo, hi)
            cur["end"] = d
            new = seg("occ", d)
            new["tag_in"] = tag
            segs.append(new)
        elif not was and not now and rng.random() < turnover:
            d1 = day_in(lo, hi - 45 * DAY)
            d2 = d1 if rng.random() < 0.4 else min(d1 + rng.randint(14, 180) * DAY, hi - DAY)
            cur["end"] = d1
            if d2 > d1:
                segs.append(seg("vac", d1, d2, "huurbeëindiging"))
            segs.append(seg("occ", d2))
    return segs


def generic_sales():
    units = [p for p in PREMISES if p["_kind"] == "sales" and not p["_scripted"]]
    scripted_units = [p for p in PREMISES if p["_scripted"]]
    script_vac = [vacancy_figures(scripted_units, d)["vacant"] for d in CP]
    targets = [t - s for t, s in zip(TARGET_VACANT, script_vac)]
    zone_factor = {KERN: 1.0, AANLOOP: 2.2, OVERIG: 1.5}
    function_factor = {"detailhandel": 1.1, "horeca": 0.8, "dienstverlening": 1.0, "leisure": 1.2, "cultuur": 0.9}
    for u in units:
        u["_w"] = zone_factor[u["zone"]] * function_factor[u["functions"][0][1]] * math.exp(rng.gauss(0, 0.6))
    exit_rates = [None, 0.26, 0.26, 0.25, 0.34, 0.36, 0.33]
    # From 2019 on the core around Koopmansplein and the rest of the centre recover first.
    recovery = {KERN: 0.85, AANLOOP: 1.0, OVERIG: 0.6}
    trend = lambda u, k: recovery[u["zone"]] if k >= 4 else 1.0
    states = assign_states(units, targets, lambda u: u["_w"], exit_rates, trend=trend)

    # Some businesses move rather than close: out of an aanloopstraat, into the core (same function).
    fixed = {u["_i"]: {} for u in units}
    tag = 0
    received = []  # a unit whose occupant moved in is not chosen to move on again (one move per business)
    for k in range(1, len(CP)):
        leaving = [u for u in units if not states[u["_i"]][k - 1] and states[u["_i"]][k]]
        arriving = [u for u in units if states[u["_i"]][k - 1] and not states[u["_i"]][k]]
        leaving.sort(key=lambda u: (u["zone"] != AANLOOP, rng.random()))
        used = []
        for a in [u for u in leaving if u["_i"] not in received][: max(2, len(leaving) // 7)]:
            options = [b for b in arriving if b["functions"][0][1] == a["functions"][0][1]
                       and b["_i"] not in used and b["_i"] != a["_i"]]
            if not options:
                continue
            options.sort(key=lambda b: (b["zone"] != KERN, rng.random()))
            b = options[0]
            used.append(b["_i"])
            received.append(b["_i"])
            tag += 1
            d = day_in(CP[k - 1], CP[k])
            fixed[a["_i"]][k] = (d, tag)
            fixed[b["_i"]][k] = (d, tag)

    timelines = []
    for u in units:
        segs = build_timeline(states[u["_i"]], fixed[u["_i"]], turnover=0.06)
        timelines.append((u, segs))
    realise(timelines)
    return states


def realise(timelines, multi=False):
    """Turn segments into vacancy records and businesses; moving businesses keep one identity."""
    moved = {}
    for u, segs in timelines:
        function = u["functions"][0][1]
        for s in segs:
            if s["kind"] == "vac":
                if not multi:
                    vacate(u, s["start"], s["end"], s["reason"] or "onbekend")
                continue
            if s["tag_in"]:
                continue
            b = new_business(branch_for(function, u["zone"]), u["zone"], founding_for(s["start"]),
                             span=(s["start"], s["end"]))
            locate(b, u, s["start"], s["end"])
            if s["tag_out"]:
                moved[s["tag_out"]] = b
    for u, segs in timelines:
        for s in segs:
            if s["kind"] == "occ" and s["tag_in"]:
                locate(moved[s["tag_in"]], u, s["start"], s["end"])


# --------------------------------------------------------------------------------------------------
# Offices, practices and workshops: filled so the number of counted vestigingen meets the targets
# --------------------------------------------------------------------------------------------------
def generic_other():
    candidates = [p for p in PREMISES if p["_kind"] in ("other", "upstairs") and not p["_scripted"]
                  and p["functions"][0][1] in ("kantoor", "maatschappelijk", "ambacht")]
    # a few office buildings with several tenants (one long-standing tenant and changing others)
    buildings = [p for p in candidates if p["_kind"] == "other" and p["functions"][0][1] == "kantoor"
                 and p["zone"] in (OVERIG, AANLOOP)]
    buildings = sorted(rng.sample(buildings, 6), key=lambda p: p["_i"])
    slots = []
    for p in buildings:
        p["floorArea"] = rng.choice([450, 600, 750, 900, 1200])
        p["_scripted"] = True
        zone = p["zone"]
        locate(new_business(branch_for("kantoor", zone), zone, founding_for(REG), span=(REG, None)), p, REG)
        for n in range(rng.randint(2, 5)):
            slots.append({"premises": p, "multi": True, "_i": 100000 + p["_i"] * 10 + n, "zone": zone})
    for p in candidates:
        if not p["_scripted"]:
            p["_scripted"] = True
            slots.append({"premises": p, "multi": False, "_i": p["_i"], "zone": p["zone"]})
    counted = [employment_count_flags(d) for d in CP]
    need = [t - c for t, c in zip(TARGET_BUSINESSES, counted)]
    empty_targets = [len(slots) - n for n in need]
    assert all(0 <= e <= len(slots) for e in empty_targets), (need, len(slots))
    zone_factor = {KERN: 0.8, AANLOOP: 1.4, OVERIG: 1.0}
    for s in slots:
        s["_w"] = zone_factor[s["zone"]] * (1.6 if s["premises"]["_kind"] == "upstairs" else 1.0) * math.exp(rng.gauss(0, 0.5))
    states = assign_states(slots, empty_targets, lambda s: s["_w"], [None, 0.32, 0.32, 0.30, 0.34, 0.34, 0.3],
                           stickiness=0.75)
    timelines = []
    for s in slots:
        segs = build_timeline(states[s["_i"]], {}, turnover=0.05, multi=s["multi"])
        timelines.append((s, segs))
    for s, segs in timelines:
        p = s["premises"]
        function = p["functions"][0][1]
        for g in segs:
            if g["kind"] == "vac":
                if not s["multi"]:
                    vacate(p, g["start"], g["end"], g["reason"] or "huurbeëindiging")
                continue
            b = new_business(branch_for(function, p["zone"]), p["zone"], founding_for(g["start"]),
                             span=(g["start"], g["end"]))
            locate(b, p, g["start"], g["end"])
    return len(slots), need


def employment_count_flags(day):
    """Vestigingen counted on `day` before jobs exist: located, and not volunteer-only."""
    return sum(1 for b in BUSINESSES if not b["_zero"] and occupies(b, day))


def one_branch_per_chain():
    """A chain keeps one branch in the centre at a time (a moving branch can still meet a newer one)."""
    taken = {}
    for b in sorted(BUSINESSES, key=lambda b: (min(l["from"] for l in b["locations"]), b["_i"])):
        if not b["chain"]:
            continue
        spans = [(l["from"], l["until"]) for l in b["locations"]]
        start = min(s for s, _ in spans)
        until = None if any(u is None for _, u in spans) else max(u for _, u in spans)
        if overlaps(taken.get(b["name"], []), start, until):
            b["chain"] = False
            b["name"] = independent_name(b["branch"])
            USED_NAMES[b["name"]] = True
            b["kvk"] = fresh_kvk()
        else:
            taken.setdefault(b["name"], []).append((start, until))


# --------------------------------------------------------------------------------------------------
# Jobs
# --------------------------------------------------------------------------------------------------
def fte(b, persons):
    return round(persons * b["_fte"], 1) if persons else 0.0


def natural_jobs():
    for b in BUSINESSES:
        start = b["_founded"]
        end = max((loc["until"] or END) for loc in b["locations"])
        p = b["_p0"]
        recs = [{"from": start, "persons": p}]
        if not b["_zero"]:
            t = max(start, D("2009-01-01"))
            for _ in range(4):
                t = t + int(rng.expovariate(1.0 / (4.2 * 365)) + 60) * DAY
                if t >= end:
                    break
                step = max(1, int(round(p * (0.03 if b["_fixed"] else 0.12))))
                p = max(1, p + rng.choice([-step, step, step, -step, -1, 1]))
                recs.append({"from": t.replace(day=1) if t.replace(day=1) > recs[-1]["from"] else t, "persons": p})
            for day, persons in b.get("_extra_jobs", []):
                recs = [r for r in recs if r["from"] < day] + [{"from": day, "persons": persons}]
        b["jobs"] = recs


def scale_jobs(target, day):
    """Scale the drawn persons so that the total on `day` lands near the target."""
    _, total = employment(BUSINESSES, day)
    factor = target / total
    for b in BUSINESSES:
        if b["_zero"] or b["_fixed"]:
            continue
        for r in b["jobs"]:
            x = r["persons"] * factor
            r["persons"] = max(1, int(math.floor(x + rng.random())))
    return factor


def calibrate_jobs():
    for k, day in enumerate(CP):
        _, total = employment(BUSINESSES, day)
        diff = TARGET_JOBS[k] - total
        counted = [b for b in BUSINESSES if not b["_zero"] and not b["_fixed"] and occupies(b, day)
                   and jobs_at(b, day) >= 1]  # the large, named employers keep their own figures
        order = rng.sample(counted, len(counted))
        i = 0
        while diff != 0:
            b = order[i % len(order)]
            i += 1
            step = max(1, min(abs(diff), 1 + jobs_at(b, day) // 15))
            if diff < 0 and jobs_at(b, day) - step < 1:
                continue
            delta = step if diff > 0 else -step
            recs = sorted(b["jobs"], key=lambda r: r["from"])
            in_force = [r for r in recs if r["from"] <= day]
            last = in_force[-1]
            if k == 0 or last["from"] > CP[k - 1]:
                last["persons"] += delta  # changes nothing on earlier reference dates
            else:
                lo = max(CP[k - 1], last["from"])
                d = day_in(lo, day)
                later = [r for r in recs if r["from"] > day]
                b["jobs"] = [r for r in recs if r["from"] <= day] + [{"from": d, "persons": last["persons"] + delta}] + later
            diff -= delta
        assert employment(BUSINESSES, day)[1] == TARGET_JOBS[k]
    for b in BUSINESSES:
        b["jobs"].sort(key=lambda r: r["from"])
        merged = []
        for r in b["jobs"]:
            if merged and merged[-1]["persons"] == r["persons"]:
                continue  # a change to the same number is no change
            merged.append(r)
        b["jobs"] = merged
        for r in b["jobs"]:
            r["fte"] = fte(b, r["persons"])


# --------------------------------------------------------------------------------------------------
# Temporary use, planned verkleuring, owners, dwellings above shops
# --------------------------------------------------------------------------------------------------
TEMPORARY_USERS = [
    "Pop-up galerie {W}", "Kunstenaarscollectief {W}", "Repair Café Binnenstad", "Pop-up store Drentse makers",
    "Pilotstore duurzame mode", "Expositie studenten beeldende kunst", "Boekenruil {W}", "Pop-up kerstwinkel",
    "Kinderatelier {W}", "Pop-up koffiebar {W}", "Proeflokaal streekproducten", "Tijdelijk atelier {F} {S}",
    "Vintage pop-up {W}", "Fotoexpositie Oud Assen", "Oefenwinkel mbo-studenten", "Maakplaats {W}",
    "Etalage-expositie Cultureel Hart", "Pop-up boekhandel {W}", "Tijdelijke werkplek ondernemers",
]


def temporary_uses():
    options = []
    for p in PREMISES:
        if p["_kind"] != "sales" or p["temporaryUses"]:
            continue
        for v in p["vacancies"]:
            lo = max(v["from"], p["existsFrom"], D("2016-01-01"))
            hi = min(x for x in (v["until"], p["existsUntil"], END) if x is not None)
            if (hi - lo).days >= 150:
                options.append((p, v, lo, hi))
    weight = lambda o: (2.5 if o[0]["zone"] == AANLOOP else 1.0) * (1.5 if o[2] >= D("2019-01-01") else 1.0)
    chosen = weighted_sample(options, 22, weight)
    seen = []
    for p, v, lo, hi in sorted(chosen, key=lambda o: (o[0]["_i"], o[2])):
        if p["_i"] in seen:
            continue
        seen.append(p["_i"])
        start = day_in(lo - DAY, hi - 90 * DAY)
        until = start + rng.randint(60, 240) * DAY
        if until >= hi:
            until = None if (hi == END and v["until"] is None) else hi
        modern = start >= D("2019-01-01")  # the werkplan's temporary manager applies the three criteria
        p["temporaryUses"].append({
            "user": fill_template(rng.choice(TEMPORARY_USERS)), "from": start, "until": until,
            "openToPublic": rng.random() < (0.95 if modern else 0.75),
            "tidyFrontage": rng.random() < (0.95 if modern else 0.65),
            "takesPart": rng.random() < (0.85 if modern else 0.4),
        })


def plans_owners_dwellings():
    last = CP[-1]
    vacant_end = [p for p in PREMISES if p["_kind"] == "sales" and p["functionChange"] is None
                  and vacancy_at(p, last) is not None]
    aanloop = [p for p in vacant_end if p["zone"] == AANLOOP]
    rng.shuffle(aanloop)
    plans = ([("in_uitvoering", "wonen")] * 3 + [("gepland", "wonen")] * 2 +
             [("gepland", "ambacht"), ("gepland", "dienstverlening"), ("gepland", "maatschappelijk")] +
             [("idee", "wonen")] * 3 + [("idee", "ambacht"), ("idee", "kantoor")])
    for p, (stage, to) in zip(aanloop, plans):
        old = function_at(p, last)
        if old == to:
            to = "wonen"
        p["functionChange"] = {"from": old, "to": to, "stage": stage}
    others = [p for p in vacant_end if p["zone"] == OVERIG and p["functionChange"] is None]
    for p in rng.sample(others, min(2, len(others))):
        p["functionChange"] = {"from": function_at(p, last), "to": "wonen", "stage": "idee"}
    upstairs = [p for p in PREMISES if p["_kind"] == "upstairs" and function_at(p, last) == "kantoor"
                and vacancy_at(p, last) is not None]
    for p in upstairs[:3]:
        p["functionChange"] = {"from": "kantoor", "to": "wonen", "stage": rng.choice(["gepland", "idee"])}
    # Dwellings above shops.
    for p in PREMISES:
        if p["_kind"] == "sales" and p["dwellingsAbove"] == "geen" and p["floorArea"] < 800:
            if p["zone"] == KERN:
                p["dwellingsAbove"] = wchoice({"geen": 27, "aanwezig": 30, "mogelijk": 35, "gepland": 8})
            else:
                p["dwellingsAbove"] = wchoice({"geen": 20, "aanwezig": 55, "mogelijk": 19, "gepland": 6})
        if p["_kind"] == "upstairs" and p["functions"][0][1] == "wonen":
            p["_below"]["dwellingsAbove"] = "aanwezig"
    for p in PREMISES:
        if p["_kind"] == "upstairs" and p["functionChange"] and p["functionChange"]["to"] == "wonen":
            p["_below"]["dwellingsAbove"] = "gepland"
    # Owners: the property owners' association for a handful of units around Koopmansplein.
    around = [p for p in PREMISES if p["street"] in ("Koopmansplein", "Kruisstraat", "Oudestraat")
              and p["_kind"] == "sales" and p["owner"] is None]
    for p in rng.sample(around, 8):
        p["owner"] = "vvac"


# --------------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------------
def check():
    keys = [p["key"] for p in PREMISES]
    assert len(keys) == len(set(keys)), "premises keys unique"
    bkeys = [b["key"] for b in BUSINESSES]
    assert len(bkeys) == len(set(bkeys)), "business keys unique"
    for p in PREMISES:
        name = "%s %s%s" % (p["street"], p["number"], p["addition"] or "")
        assert p["functions"][0][0] == p["existsFrom"], ("functions start at existsFrom", name)
        days = [f[0] for f in p["functions"]]
        assert days == sorted(days) and len(set(days)) == len(days), ("functions ordered", name)
        assert p["existsUntil"] is None or p["existsUntil"] > p["existsFrom"], name
        assert p["dwellingsAbove"] in ("geen", "aanwezig", "mogelijk", "gepland"), name
        assert p["owner"] in (None, "vvac"), name
        assert 20 <= p["floorArea"] <= 2600, name
        assert 52.9905 <= p["lat"] <= 52.9985 and 6.5570 <= p["lon"] <= 6.5700, name
        if p["functionChange"]:
            assert p["functionChange"]["stage"] in ("idee", "gepland", "in_uitvoering", "gerealiseerd"), name
            assert p["functionChange"]["from"] != p["functionChange"]["to"], name
        # vacancies: well-formed, not overlapping, ending within the existence
        vs = sorted(p["vacancies"], key=lambda v: v["from"])
        for v in vs:
            assert v["until"] is None or v["until"] > v["from"], ("empty vacancy", name)
            assert v["until"] is None or v["until"] > p["existsFrom"], ("vacancy before existence", name)
            if p["existsUntil"] is not None:
                assert v["until"] is not None and v["until"] <= p["existsUntil"], ("vacancy after existence", name)
            if v["from"] < p["existsFrom"]:
                assert p["existsFrom"] > REG, ("only successors carry on an earlier vacancy", name)
        for a, b in zip(vs, vs[1:]):
            assert a["until"] is not None and a["until"] < b["from"], ("vacancies overlap or touch", name)
        # temporary use lies inside a vacancy and inside the existence
        for t in p["temporaryUses"]:
            assert t["until"] is None or t["until"] > t["from"], name
            assert exists(p, t["from"]), ("temporary use outside existence", name)
            assert any(v["from"] <= t["from"] and (v["until"] is None or (t["until"] is not None and t["until"] <= v["until"]))
                       for v in vs), ("temporary use outside a vacancy", name)
        # occupants versus vacancies; verkooppunten always vacant or occupied
        locs = [loc for _, loc in p["_locations"]]
        for loc in locs:
            assert loc["from"] >= p["existsFrom"], ("location before existence", name)
            if p["existsUntil"] is not None:
                assert loc["until"] is not None and loc["until"] <= p["existsUntil"], ("location after existence", name)
            assert loc["until"] is None or loc["until"] > loc["from"], name
            for v in vs:
                lo = max(loc["from"], v["from"])
                hi = min(x for x in (loc["until"], v["until"], dt.date.max) if x is not None)
                assert lo >= hi, ("occupied while vacant", name, iso(lo))
        periods = [(v["from"], v["until"]) for v in vs] + [(l["from"], l["until"]) for l in locs]
        boundaries = sorted(set([p["existsFrom"], p["existsUntil"] or END] + [f[0] for f in p["functions"]]
                                + [x for per in periods for x in per if x is not None]))
        for lo, hi in zip(boundaries, boundaries[1:]):
            if lo < p["existsFrom"] or lo >= (p["existsUntil"] or END):
                continue
            if function_at(p, lo) in SALES_FUNCTIONS:
                covered = any(contains(a, b, lo) for a, b in periods)
                assert covered, ("verkooppunt neither vacant nor occupied", name, iso(lo))
                if p["_kind"] == "sales" or function_at(p, lo) in SALES_FUNCTIONS:
                    occupants = [b for b, l in p["_locations"] if contains(l["from"], l["until"], lo)]
                    assert len({id(b) for b in occupants}) <= 1, ("two businesses in one shop", name, iso(lo))
    premises_ids = {id(p) for p in PREMISES}
    for b in BUSINESSES:
        assert b["locations"], b["name"]
        assert b["jobs"] and b["jobs"][0]["from"] <= min(l["from"] for l in b["locations"]), ("jobs before location", b["name"])
        for l in b["locations"]:
            assert id(l["premises"]) in premises_ids
        ls = sorted(b["locations"], key=lambda l: l["from"])
        for r in b["jobs"]:
            assert r["persons"] >= 0 and (r["persons"] >= 1 or b["_zero"]), b["name"]
        assert all(v is None or (len(v) == 11 and v[2] == ":" and v[5] == "-" and v[:5] < v[6:])
                   for v in b["openingHours"].values()), b["name"]
        assert b["kvk"] is None or (len(b["kvk"]) == 8 and b["kvk"].isdigit())
        for a, c in zip(ls, ls[1:]):
            if a["premises"] is c["premises"]:
                assert a["until"] is not None and a["until"] <= c["from"], ("overlapping locations", b["name"])


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------
def assign_keys():
    PREMISES.sort(key=lambda p: (STREET_ORDER[p["street"]], p["_num"], p["addition"] or "", p["existsFrom"], p["_i"]))
    for n, p in enumerate(PREMISES, 1):
        p["key"] = "P%04d" % n
    BUSINESSES.sort(key=lambda b: (min(l["from"] for l in b["locations"]),
                                   min(l["premises"]["key"] for l in b["locations"]), b["_i"]))
    for n, b in enumerate(BUSINESSES, 1):
        b["key"] = "B%04d" % n
        b["locations"].sort(key=lambda l: (l["from"], l["premises"]["key"]))


def to_json():
    premises = []
    for p in PREMISES:
        premises.append({
            "key": p["key"], "bagId": None, "street": p["street"], "number": p["number"],
            "addition": p["addition"], "postcode": p["postcode"], "zone": p["zone"], "floorArea": p["floorArea"],
            "lat": p["lat"], "lon": p["lon"], "owner": p["owner"], "dwellingsAbove": p["dwellingsAbove"],
            "existsFrom": iso(p["existsFrom"]), "existsUntil": iso(p["existsUntil"]),
            "functions": [{"from": iso(d), "function": f} for d, f in p["functions"]],
            "vacancies": [{"from": iso(v["from"]), "until": iso(v["until"]), "reason": v["reason"]}
                          for v in sorted(p["vacancies"], key=lambda v: v["from"])],
            "temporaryUses": [{"user": t["user"], "from": iso(t["from"]), "until": iso(t["until"]),
                               "openToPublic": t["openToPublic"], "tidyFrontage": t["tidyFrontage"],
                               "takesPart": t["takesPart"]} for t in p["temporaryUses"]],
            "functionChange": p["functionChange"],
        })
    businesses = []
    for b in BUSINESSES:
        businesses.append({
            "key": b["key"], "name": b["name"], "branch": b["branch"], "chain": b["chain"], "kvk": b["kvk"],
            "openingHours": b["openingHours"],
            "jobs": [{"from": iso(r["from"]), "persons": r["persons"], "fte": r["fte"]} for r in b["jobs"]],
            "locations": [{"premises": l["premises"]["key"], "from": iso(l["from"]), "until": iso(l["until"])}
                          for l in b["locations"]],
        })
    return {
        "synthetic": True,
        "description": ("Synthetisch register van de binnenstad van Assen (demo), afgestemd op de cijfers van "
                        "1 januari 2018: 21,9 % leegstand (verkooppunten), 430 vestigingen, 3.800 banen."),
        "zones": ZONES,
        "premises": premises,
        "businesses": businesses,
    }


def figures_table():
    rows = []
    header = ("datum", "vkp", "leeg", "% units", "% m²", "kern", "aanloop", "overig",
              "frict", "lang", "struct", "vestig.", "banen")
    for day in CP:
        f = vacancy_figures(PREMISES, day)
        zones = [vacancy_figures(PREMISES, day, z) for z in (KERN, AANLOOP, OVERIG)]
        count, jobs = employment(BUSINESSES, day)
        rows.append((iso(day), f["units"], f["vacant"], dutch_percent(rate(f["vacant"], f["units"])),
                     dutch_percent(rate(f["vacantArea"], f["area"])),
                     *[dutch_percent(rate(z["vacant"], z["units"])) for z in zones],
                     f["byDuration"]["frictioneel"], f["byDuration"]["langdurig"], f["byDuration"]["structureel"],
                     count, jobs))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(str(c).rjust(w) for c, w in zip(header, widths))]
    lines += ["  ".join(str(c).rjust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines), rows


def main():
    layout_streets()
    scripted()
    generic_sales()
    n_slots, need = generic_other()
    one_branch_per_chain()
    natural_jobs()
    factor = scale_jobs(TARGET_JOBS[REF], CP[REF])
    calibrate_jobs()
    temporary_uses()
    plans_owners_dwellings()
    assign_keys()
    check()

    table, rows = figures_table()
    print("Synthetisch register binnenstad Assen — cijfers volgens de regels van StadshartCore/Register")
    print("(vkp = verkooppunten; % units / % m² = leegstand naar aantal / naar wvo; kern/aanloop/overig = % units per zone)")
    print(table)
    ref = vacancy_figures(PREMISES, CP[REF])
    count, jobs = employment(BUSINESSES, CP[REF])
    assert dutch_percent(rate(ref["vacant"], ref["units"])) == "21,9 %", ref
    assert ref["units"] == TARGET_UNITS_2018 and ref["vacant"] == 92, ref
    assert count == 430 and jobs == 3800, (count, jobs)
    kern = vacancy_figures(PREMISES, CP[REF], KERN)
    aanloop = vacancy_figures(PREMISES, CP[REF], AANLOOP)
    assert rate(aanloop["vacant"], aanloop["units"]) > 2 * rate(kern["vacant"], kern["units"])

    data = to_json()
    n_temp = sum(len(p["temporaryUses"]) for p in PREMISES)
    n_plans = {}
    for p in PREMISES:
        if p["functionChange"]:
            n_plans[p["functionChange"]["stage"]] = n_plans.get(p["functionChange"]["stage"], 0) + 1
    print()
    print("premises %d (verkooppunten ooit %d), businesses %d, office slots %d, jobs scale factor %.3f"
          % (len(PREMISES), sum(1 for p in PREMISES if any(f in SALES_FUNCTIONS for _, f in p["functions"])),
             len(BUSINESSES), n_slots, factor))
    print("temporary uses %d, function changes %s, owner vvac %d, chains (current) %d"
          % (n_temp, n_plans, sum(1 for p in PREMISES if p["owner"]),
             sum(1 for b in BUSINESSES if b["chain"] and occupies(b, CP[-1]))))
    dwell = {}
    for p in PREMISES:
        dwell[p["dwellingsAbove"]] = dwell.get(p["dwellingsAbove"], 0) + 1
    print("dwellings above", dwell)

    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if "--check" in sys.argv:
        print("check only: %d bytes not written" % len(text.encode("utf-8")))
        return
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "Resources", "Demo", "assen-register.json")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    print("wrote %s (%d bytes)" % (os.path.normpath(out), len(text.encode("utf-8"))))


if __name__ == "__main__":
    main()
