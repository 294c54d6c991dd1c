"""Realistic demo data: a register to try the app on, and a large one to test it at national scale.

The data follows Brå's network structure (the national kärnnätverk, the four operative networks,
regional and local networks) with the organisations, municipalities, activities, commitments and
problem areas a county coordinator keeps track of. A county register gets its own county; Brå's
register gets all 21, each record with its county as origin. National networks and authorities
carry origin BRA and the same ids and content in every demo register, as if they came from Brå's
national bundle, so demo registers can sync with each other.

The same seed, producer and size give the same ids and the same content (ids are UUID5 of seed,
owner, kind and index; timestamps come from the seed), except that activity dates follow the
calendar: they spread over the current year and the two before, quiet in July and around
Christmas, some municipalities without support in a year, and future ones are planned. Every
municipality has a follow-up of each year since the law, and every länsstyrelse a redovisning.

Everything is drawn from short precomputed lists with one `random.Random`, so generating 200,000
activities costs seconds, and written with `bulk.insert_records` in one transaction.
Every record passes `domain.validation` (the tests check this).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bra_desktop.bundle.withheld import NOT_SHARED
from bra_desktop.domain import national_structure
from bra_desktop.domain.content import normalise
from bra_desktop.domain.fields import DEPENDENCY_ORDER, KINDS
from bra_desktop.domain.identity import identity_id
from bra_desktop.domain.models import County, Municipality
from bra_desktop.domain.orgnumber import luhn_ok
from bra_desktop.store.bulk import NewRecord, RecordWrite, insert_records, write_records
from bra_desktop.store.errors import RegisterError
from bra_desktop.store.national_records import add_national_structure
from bra_desktop.store.register import NATIONAL, Register
from bra_desktop.store.seed import reference_rows

SOURCE = "demo"
"""The change-log source of demo records, so they can be told apart from real entries."""

_ID_NAMESPACE = uuid.UUID("5b0c7a52-3f1e-4c55-9a7d-1d2f6b8e0c41")
_EPOCH = datetime(2024, 1, 1, 7, 0, tzinfo=timezone.utc)

# --- vocabulary: Brå's national structure --------------------------------------------------------

_NATIONAL_ORGANISATIONS = (
    ("Ekobrottsmyndigheten", "MYNDIGHET", "202100065"),
    ("Skatteverket", "MYNDIGHET", "202100544"),
    ("Kriminalvården", "MYNDIGHET", "202100519"),
    ("Socialstyrelsen", "MYNDIGHET", "202100158"),
    ("Statens institutionsstyrelse", "MYNDIGHET", "202100414"),
    ("Försäkringskassan", "MYNDIGHET", "202100528"),
    ("Jämställdhetsmyndigheten", "MYNDIGHET", "202100690"),
    ("Brottsoffermyndigheten", "MYNDIGHET", "202100217"),
    ("Svensk Handel", "NARINGSLIV", "802004125"),
)
"""(name, type, first nine digits of the organisation number) of the national actors other than the
three of Brå's national structure (`domain/national_structure.py`), which every register holds."""

# --- vocabulary: the counties -------------------------------------------------------------------

_COUNTY_FACTS = {
    "01": ("Region Stockholm", "Stockholm", "Stockholms universitet"),
    "03": ("Region Uppsala", "Uppsala", "Uppsala universitet"),
    "04": ("Region Sörmland", "Nyköping", "Mälardalens universitet, Eskilstuna"),
    "05": ("Region Östergötland", "Linköping", "Linköpings universitet"),
    "06": ("Region Jönköpings län", "Jönköping", "Jönköping University"),
    "07": ("Region Kronoberg", "Växjö", "Linnéuniversitetet, Växjö"),
    "08": ("Region Kalmar län", "Kalmar", "Linnéuniversitetet, Kalmar"),
    "09": (None, "Gotland", "Uppsala universitet, Campus Gotland"),  # Region Gotland is the municipality
    "10": ("Region Blekinge", "Karlskrona", "Blekinge tekniska högskola"),
    "12": ("Region Skåne", "Malmö", "Malmö universitet"),
    "13": ("Region Halland", "Halmstad", "Högskolan i Halmstad"),
    "14": ("Västra Götalandsregionen", "Göteborg", "Göteborgs universitet"),
    "17": ("Region Värmland", "Karlstad", "Karlstads universitet"),
    "18": ("Region Örebro län", "Örebro", "Örebro universitet"),
    "19": ("Region Västmanland", "Västerås", "Mälardalens universitet, Västerås"),
    "20": ("Region Dalarna", "Falun", "Högskolan Dalarna"),
    "21": ("Region Gävleborg", "Gävle", "Högskolan i Gävle"),
    "22": ("Region Västernorrland", "Härnösand", "Mittuniversitetet, Sundsvall"),
    "23": ("Region Jämtland Härjedalen", "Östersund", "Mittuniversitetet, Östersund"),
    "24": ("Region Västerbotten", "Umeå", "Umeå universitet"),
    "25": ("Region Norrbotten", "Luleå", "Luleå tekniska universitet"),
}
"""County code → (region, residence town, university or university college)."""

_MUNICIPALITY_ORG_NAMES = {
    "Stockholm": "Stockholms stad", "Göteborg": "Göteborgs Stad", "Malmö": "Malmö stad",
    "Falun": "Falu kommun", "Gotland": "Region Gotland",
}

_REGIONAL_NETWORKS = (
    ("Länsnätverket för brottsförebyggande samordnare i {lan}", None,
     "Länsstyrelsens nätverk för kommunernas brottsförebyggande samordnare. Träffas fyra gånger om året "
     "för erfarenhetsutbyte och kunskapsstöd."),
    ("Regionalt nätverk mot våld i nära relationer i {lan}", "NARA",
     "Länsstyrelsen, regionen, kommunerna och kvinno- och brottsofferjourerna samordnar stödet till våldsutsatta."),
    ("Regional samverkan mot organiserad brottslighet i {lan}", "ORGBROTT",
     "Polisen, kommunerna och länsstyrelsen delar lägesbild och samordnar insatser mot kriminella nätverk."),
    ("Länsgemensamt nätverk för trygghet och situationell prevention i {lan}", "TRYGGHET",
     "Kommunernas samhällsbyggnadsförvaltningar och fastighetsägare arbetar med trygga offentliga miljöer."),
)
"""(name, subject area, description) of the networks every county runs; the first is the general one."""

_LOCAL_NETWORKS = (
    ("Trygghetsrådet i {kommun}", "TRYGGHET",
     "Kommunens lokala brottsförebyggande råd med kommun, polis, civilsamhälle och näringsliv.",
     "KVARTALSVIS", ("civil", "business")),
    ("SSPF-gruppen i {kommun}", "UNGA",
     "Samverkan mellan skola, socialtjänst, polis och fritid kring unga i riskzon.", "MANADSVIS", ()),
    ("EST-gruppen i {kommun}", "TRYGGHET",
     "Effektiv samordning för trygghet: kommun, polis och fastighetsägare följer lägesbilden varje vecka.",
     "VECKOVIS", ("business",)),
    ("Samverkansgruppen kommun–polis i {kommun}", None,
     "Följer upp samverkansöverenskommelsen och medborgarlöftena mellan kommunen och polisen.", "KVARTALSVIS", ()),
)
"""(name, subject area, description, meeting cadence, kinds of partner among the members) of local networks."""

_CIVIL_SOCIETY = ("Brottsofferjouren {seat}", "Kvinno- och tjejjouren i {seat}", "Nattvandrarna i {seat}")
_BUSINESSES = ("Företagarna {seat}", "Centrumföreningen i {seat}", "Bostadsbolaget i {seat}")

_FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Åsa", "Johanna", "Elin", "Sofia",
    "Lars", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Mikael", "Håkan", "Jonas", "Ahmed", "Amir",
)
_LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Lindberg", "Lindqvist", "Berg", "Ström", "Sandberg", "Holm", "Ali", "Hassan", "Nyström",
)
_TRANSLITERATE = str.maketrans("åäöéü ", "aaoeu-")

# --- vocabulary: what the work is about -------------------------------------------------------------

_SUBJECT_WEIGHTS = {
    "UNGA": 14, "VALD": 12, "EKO": 8, "NARINGSLIV": 7, "ORGBROTT": 14, "NARA": 14, "TRYGGHET": 16,
    "NYA_FENOMEN": 9, "OVRIGT": 6,
}
_TOPICS = {
    "UNGA": ("unga lagöverträdare", "tidiga insatser för unga i riskzon", "SSPF-samverkan",
             "ungdomstjänst och medling", "skolans roll i det brottsförebyggande arbetet"),
    "VALD": ("våldsförebyggande arbete", "våldsprevention i skolan", "våld i offentlig miljö",
             "hot och våld mot förtroendevalda", "metoden Mentorer i våldsprevention (MVP)"),
    "EKO": ("ekonomisk brottslighet", "välfärdsbrott och felaktiga utbetalningar",
            "otillåten påverkan på kommunens verksamheter", "kriminell infiltration vid offentlig upphandling",
            "arbetslivskriminalitet"),
    "NARINGSLIV": ("näringslivets roll i det brottsförebyggande arbetet", "trygghet i centrumhandeln",
                   "butiksstölder och handelns samverkan", "företagares utsatthet för brott"),
    "ORGBROTT": ("rekrytering av unga till kriminella nätverk", "avhopparverksamhet", "skjutningar och sprängningar",
                 "narkotikaförsäljning via sociala medier", "kriminella nätverks etablering i bostadsområden"),
    "NARA": ("våld i nära relationer", "hedersrelaterat våld och förtryck", "våld mot äldre i nära relationer",
             "barn som upplever våld", "mäns våld mot kvinnor"),
    "TRYGGHET": ("trygghetsvandringar", "situationell prevention i bostadsområden", "trygghet i kollektivtrafiken",
                 "belysning och platsutformning", "Effektiv samordning för trygghet (EST)"),
    "NYA_FENOMEN": ("bedrägerier mot äldre", "sextortion och nätbrott mot unga", "falska fakturor och id-kapning",
                    "kriminella nätverks användning av sociala medier"),
    "OVRIGT": ("brottsförebyggande arbete", "medborgardialog om trygghet", "lokala trygghetsmätningar"),
}
_SKILLS = (
    "lägesbildsarbete", "kartläggning av brott och otrygghet", "att ta fram åtgärdsplaner",
    "uppföljning av brottsförebyggande insatser", "situationell prevention", "EST-metoden",
    "samverkansöverenskommelser mellan kommun och polis", "Brås kunskapsstöd för kommuner",
)

_ACTIVITY_TYPES = {
    # code: (weight, participants when done, noun for the description, title templates)
    "NATVERKSTRAFF": (18, (8, 40), "Nätverksträff", (
        "Nätverksträff om {topic}", "Länsnätverkets träff om {topic}", "Nätverksträff om {topic} i {kommun}")),
    "KONFERENS": (6, (40, 250), "Konferens", (
        "Konferens om {topic}", "Seminarium om {topic}", "Länskonferens om {topic}")),
    "UTBILDNING": (12, (10, 60), "Utbildning", (
        "Utbildning i {skill} för {kommun_org}", "Utbildning i {skill}", "Utbildningsdag om {topic}")),
    "PROCESSSTOD": (10, (3, 15), "Processtöd", (
        "Processtöd till {kommun_org} om {topic}", "Metodstöd i {skill} till {kommun_org}")),
    "DIALOG": (10, (3, 12), "Dialogmöte", (
        "Kommunbesök i {kommun}", "Dialogmöte med {kommun_org} om {topic}")),
    "LAGESBILD": (8, (4, 20), "Workshop om lägesbild", (
        "Stöd till lokal lägesbild i {kommun}", "Workshop om lägesbild för {kommun_org}")),
    "ATGARDSPLAN": (6, (4, 15), "Arbetsmöte om åtgärdsplan", (
        "Stöd till åtgärdsplan för {kommun_org}", "Åtgärdsplan om {topic} i {kommun}")),
    "ERFARENHETSUTBYTE": (8, (6, 35), "Erfarenhetsutbyte", (
        "Erfarenhetsutbyte om {topic}", "Erfarenhetsutbyte mellan kommunerna om {topic}")),
    "KOMMUNOVERSKRIDANDE": (4, (5, 30), "Gemensam insats", (
        "Kommunöverskridande insats om {topic}", "Gemensam insats om {topic} i {kommuner}")),
    "KARTLAGGNING": (4, (2, 10), "Kartläggning", (
        "Kartläggning av {topic} i {lan}", "Rapport om {topic} i {kommun}")),
    "OMVARLDSBEVAKNING": (5, (10, 120), "Kunskapsspridning", (
        "Omvärldsbevakning om {topic}", "Kunskapsspridning om {topic}")),
    "SAMVERKANSMOTE": (8, (4, 16), "Samverkansmöte", (
        "Samverkansmöte kommun–polis i {kommun}", "Uppföljning av medborgarlöften i {kommun}")),
    "ANNAT": (1, (5, 60), "Aktivitet", (
        "Studiebesök om {topic}", "Informationsinsats om {topic} i {kommun}")),
}
_MULTI_DAY_TYPES = frozenset({"KONFERENS", "UTBILDNING"})
_ONE_MUNICIPALITY_TYPES = frozenset({"PROCESSSTOD", "DIALOG", "LAGESBILD", "ATGARDSPLAN"})
"""Support given to one municipality, which it alone lists (as does an activity whose title names one)."""

_TARGETS_BY_TYPE = {
    "NATVERKSTRAFF": ("SAMORDNARE", "SAMORDNARE", "TJANSTEPERSONER", "POLIS"),
    "KONFERENS": ("SAMORDNARE", "BESLUTSFATTARE", "TJANSTEPERSONER"),
    "UTBILDNING": ("TJANSTEPERSONER", "SAMORDNARE", "BESLUTSFATTARE"),
    "PROCESSSTOD": ("SAMORDNARE", "TJANSTEPERSONER"),
    "DIALOG": ("BESLUTSFATTARE", "SAMORDNARE"),
    "LAGESBILD": ("SAMORDNARE", "POLIS", "TJANSTEPERSONER"),
    "ATGARDSPLAN": ("SAMORDNARE", "BESLUTSFATTARE"),
    "ERFARENHETSUTBYTE": ("SAMORDNARE", "TJANSTEPERSONER"),
    "KOMMUNOVERSKRIDANDE": ("SAMORDNARE", "POLIS", "BESLUTSFATTARE"),
    "KARTLAGGNING": ("BESLUTSFATTARE", "SAMORDNARE"),
    "OMVARLDSBEVAKNING": ("SAMORDNARE", "BESLUTSFATTARE", "ALLMANHETEN"),
    "SAMVERKANSMOTE": ("POLIS", "SAMORDNARE"),
    "ANNAT": ("ALLMANHETEN", "CIVILSAMHALLE"),
}
_FURTHER_TARGETS = ("POLIS", "REGIONER", "MYNDIGHETER", "CIVILSAMHALLE", "LANSSTYRELSER")
"""Who else an activity now and then addresses: regions and national agencies take part at times."""
_ROLES_BY_TYPE = {
    "SAMVERKANSMOTE": ("DELTAGARE", "MEDARRANGOR"), "KOMMUNOVERSKRIDANDE": ("MEDARRANGOR", "ARRANGOR"),
    "KONFERENS": ("ARRANGOR", "ARRANGOR", "MEDARRANGOR", "DELTAGARE"), "ANNAT": ("DELTAGARE", "ARRANGOR"),
}
"""The länsstyrelse's role by activity type where it is not mostly the arranger's."""
_OUTWARD_TYPES = frozenset({"UTBILDNING", "KONFERENS", "OMVARLDSBEVAKNING", "ANNAT"})
"""Activities that may address the subject's own audience rather than the usual one of their type."""
_TARGETS_BY_SUBJECT = {
    "UNGA": ("TJANSTEPERSONER", "CIVILSAMHALLE"), "VALD": ("UNGA", "TJANSTEPERSONER"),
    "EKO": ("TJANSTEPERSONER", "NARINGSLIV", "BESLUTSFATTARE"), "NARINGSLIV": ("NARINGSLIV", "FASTIGHETSAGARE"),
    "ORGBROTT": ("TJANSTEPERSONER", "POLIS"), "NARA": ("TJANSTEPERSONER", "CIVILSAMHALLE"),
    "TRYGGHET": ("FASTIGHETSAGARE", "ALLMANHETEN", "CIVILSAMHALLE"),
    "NYA_FENOMEN": ("ALLMANHETEN", "NARINGSLIV", "CIVILSAMHALLE"), "OVRIGT": ("ALLMANHETEN",),
}
_TARGET_PHRASES = {
    None: "länets kommuner", "SAMORDNARE": "kommunernas brottsförebyggande samordnare",
    "BESLUTSFATTARE": "förtroendevalda och chefer",
    "TJANSTEPERSONER": "tjänstepersoner inom socialtjänst, skola och samhällsbyggnad",
    "POLIS": "lokalpolisområdena och kommunerna", "NARINGSLIV": "det lokala näringslivet",
    "CIVILSAMHALLE": "civilsamhällets organisationer", "FASTIGHETSAGARE": "fastighetsägare och bostadsbolag",
    "UNGA": "barn och unga", "ALLMANHETEN": "allmänheten",
}
_PARTNER_BY_SUBJECT = {
    "UNGA": "civil", "VALD": "civil", "NARA": "civil", "OVRIGT": "civil", "TRYGGHET": "business",
    "NARINGSLIV": "business", "EKO": "business", "ORGBROTT": "university", "NYA_FENOMEN": "university",
}
"""Which kind of local organisation takes part in an activity on the subject besides the municipality."""
_AGENCIES_BY_SUBJECT = {
    "EKO": ("Ekobrottsmyndigheten", "Skatteverket", "Försäkringskassan"), "UNGA": ("Statens institutionsstyrelse",
                                                                               "Kriminalvården"),
    "NARA": ("Jämställdhetsmyndigheten", "Socialstyrelsen"), "VALD": ("Brottsoffermyndigheten",),
    "NARINGSLIV": ("Svensk Handel",),
}
"""The national agencies that now and then take part in an activity on the subject."""
AGENCY_SHARE, REGION_SHARE = 0.06, 0.08
"""Of the activities, the shares a national agency (on its subject) and the region take part in."""

_DESCRIPTION_EXTRAS = (
    "Upplägget bygger på Brås kunskapsstöd för kommunernas brottsförebyggande arbete.",
    "Programmet varvar korta föreläsningar med arbete i grupper.",
    "Polisen medverkar med en aktuell lägesbild.",
    "Kommunerna delar med sig av erfarenheter från det egna arbetet.",
    "Forskare från lärosätet presenterar aktuella studier.",
    "Genomförs tillsammans med lokalpolisområdet.",
)
_OUTCOMES = (
    "Deltagarna uppskattade möjligheten att utbyta erfarenheter mellan kommunerna.",
    "Flera kommuner vill gå vidare med gemensamma insatser.",
    "Lägesbilden visar att problemen är koncentrerade till ett fåtal platser.",
    "En arbetsgrupp bildades för att ta fram en gemensam åtgärdsplan.",
    "Kommunerna efterfrågar mer stöd i att följa upp sina åtgärder.",
    "Samverkan mellan kommun och polis har stärkts.",
    "Intresset var större än väntat.",
)
_CANCELLATIONS = (
    "Ställdes in på grund av för få anmälningar.",
    "Ställdes in på grund av sjukdom hos föreläsaren.",
    "Ställdes in och ersattes av ett digitalt möte senare under terminen.",
)
_FOLLOW_UPS = (
    "Följs upp på nästa nätverksträff.",
    "Länsstyrelsen följer upp med kommunerna under hösten.",
    "Dokumentationen skickas till deltagarna.",
    "Uppföljning sker i samverkansgruppen kommun–polis.",
)

_COMMITMENT_TITLES = (
    ("Ta fram en regional lägesbild om {topic}", "board", "regional"),
    ("Genomföra utbildning i {skill} för länets kommuner", "board", "regional"),
    ("Samordna kommunernas arbete med {topic}", "board", "regional"),
    ("Sprida kunskap om {topic} till kommunerna i {lan}", "region", "regional"),
    ("Följa upp kommunernas arbete med {topic}", "board", "regional"),
    ("Stödja {kommun_org} i arbetet med en åtgärdsplan", "board", "municipality"),
    ("Ta fram en lokal lägesbild om {topic} i {kommun}", "municipality", "local"),
    ("Genomföra trygghetsvandringar i {kommun}", "municipality", "local"),
    ("Följa upp medborgarlöftena i {kommun}", "police", "local"),
    ("Bidra med länets erfarenheter av {topic} till Brås nätverk", "board", "national"),
)
"""(title, who is responsible, where it belongs) of a county's commitments: the title, the network,
the responsible organisation and the municipality concerned tell one story."""
_NATIONAL_COMMITMENT_TITLES = (
    "Ta fram en nationell lägesbild om {topic}",
    "Sammanställa länens erfarenheter av {topic}",
    "Utveckla stödet till länsstyrelsernas samordnare om {topic}",
    "Samordna de nationella aktörernas stöd om {topic}",
    "Ta fram ett kunskapsstöd om {topic}",
)
_COMMITMENT_PURPOSES = (
    "Syftet är att ge kommunerna ett gemensamt kunskapsunderlag.",
    "Åtagandet följs upp på nätverkets möten.",
    "Arbetet görs i samverkan med Polismyndigheten.",
    "Resultatet redovisas i Brås årliga rapport om det brottsförebyggande arbetet.",
)
_COMMITMENT_STATUS_DECK = ("KLART",) * 6 + ("AVBRUTET",) + ("FORSENAT",) * 3 + ("PAGAR",) * 6 + ("EJ_PABORJAT",) * 4
"""Dealt shuffled, twenty at a time, so every twenty commitments hold exactly this mix."""
_PROGRESS_NOTES = {
    "PAGAR": ("Arbetet pågår enligt plan.", "Hälften av kommunerna har lämnat underlag.",
              "En arbetsgrupp är tillsatt och har haft två möten."),
    "FORSENAT": ("Försenat på grund av vakanser hos den ansvariga organisationen.",
                 "Underlaget från kommunerna har dröjt; en ny tidplan tas fram.",
                 "Arbetet har fått stå tillbaka för akuta insatser i länet."),
    "KLART": ("Klart och redovisat i nätverket.", "Slutrapporten är skickad till Brå."),
    "AVBRUTET": ("Avbrutet efter en omprioritering i nätverket.", "Ersatt av ett nationellt åtagande."),
    "EJ_PABORJAT": ("Planeras starta efter sommaren.",),
}

_PHENOMENA = (
    ("Bedrägerier mot äldre via telefon", "NYA_FENOMEN",
     "Bedragare ringer och utger sig för att vara bank eller polis för att komma åt äldres konton och BankID."),
    ("Rekrytering av unga till kriminella nätverk via sociala medier", "ORGBROTT",
     "Unga rekryteras via krypterade appar och sociala medier för att utföra våldsbrott mot betalning."),
    ("Sextortion och utpressning av unga på nätet", "NYA_FENOMEN",
     "Unga lockas att skicka bilder och utpressas sedan på pengar."),
    ("Stölder av båtmotorer", "NYA_FENOMEN",
     "Organiserade stölder av utombordsmotorer från båtklubbar och privata bryggor."),
    ("Stölder av katalysatorer från parkerade bilar", "TRYGGHET",
     "Katalysatorer sågas av nattetid på parkeringar vid pendeltågsstationer och bostadsområden."),
    ("Kriminell infiltration i kommunala upphandlingar", "EKO",
     "Företag med kopplingar till kriminella nätverk vinner upphandlingar inom bygg, städ och transport."),
    ("Välfärdsbrott inom personlig assistans", "EKO",
     "Felaktiga utbetalningar genom fiktiva assistansanordnare och överdrivna behov."),
    ("Falska fakturor till föreningar och småföretag", "EKO",
     "Fakturor på tjänster som aldrig beställts skickas i stor skala till föreningar och småföretag."),
    ("Narkotikaförsäljning via sociala medier och leveranstjänster", "ORGBROTT",
     "Narkotika säljs öppet i appar och levereras hem till unga köpare."),
    ("Hot och våld mot förtroendevalda", "VALD",
     "Förtroendevalda utsätts för hot och trakasserier, oftast via sociala medier."),
    ("Hot och våld mot personal i kollektivtrafiken", "VALD",
     "Förare och kontrollanter utsätts för hot och våld kvällar och helger."),
    ("Otrygghet kring resecentrum kvällstid", "TRYGGHET",
     "Boende och resenärer undviker området kring resecentrum efter mörkrets inbrott."),
    ("Skadegörelse och anlagda bränder i skolmiljö", "UNGA",
     "Upprepade bränder och skadegörelse på skolgårdar under kvällar och lov."),
    ("Rån mellan unga i centrummiljöer", "UNGA",
     "Unga rånar andra unga på mobiltelefoner, kläder och pengar, ofta under förnedrande former."),
    ("Hedersrelaterat våld och förtryck bland unga", "NARA",
     "Skola och socialtjänst ser fler unga som begränsas av familjens kontroll."),
    ("Våld mot äldre i nära relationer", "NARA",
     "Äldre utsätts för våld och ekonomiska övergrepp av närstående."),
    ("Organiserade butiksstölder", "NARINGSLIV",
     "Stöldligor tömmer butiker på varor med högt andrahandsvärde."),
    ("Inbrott i lantbruk och stölder av maskiner", "NARINGSLIV",
     "Verktyg, drivmedel och maskiner stjäls från gårdar och förs ut ur landet."),
    ("Sprängningar vid flerbostadshus", "ORGBROTT",
     "Sprängladdningar vid entréer och trapphus i konflikter mellan kriminella nätverk."),
    ("Bedrägerier med falska investeringserbjudanden på nätet", "NYA_FENOMEN",
     "Annonser med kända personer lockar till investeringar i kryptovalutor som inte finns."),
    ("Arbetskraftsexploatering i byggbranschen", "EKO",
     "Arbetare från andra länder arbetar under slavliknande villkor hos underentreprenörer."),
    ("Otillåten påverkan på tjänstepersoner i socialtjänsten", "ORGBROTT",
     "Handläggare utsätts för hot och påtryckningar för att fatta vissa beslut."),
    ("Buskörning med moped och epa-traktor i centrum", "TRYGGHET",
     "Buskörning skapar otrygghet och trafikfara i centrum kvällstid."),
    ("Drönare över kritisk infrastruktur", "NYA_FENOMEN",
     "Okända drönare observeras över vattenverk, hamnar och elnät."),
)
"""(title, subject area, description) of problem areas and new crime phenomena."""
_THEMES = {
    "Bedrägerier mot äldre via telefon": "BEDRAGERI",
    "Rekrytering av unga till kriminella nätverk via sociala medier": "REKRYTERING",
    "Sextortion och utpressning av unga på nätet": "NATHAT",
    "Kriminell infiltration i kommunala upphandlingar": "INFILTRATION",
    "Välfärdsbrott inom personlig assistans": "VALFARD",
    "Narkotikaförsäljning via sociala medier och leveranstjänster": "DIGITAL_NARKOTIKA",
    "Hot och våld mot förtroendevalda": "NATHAT",
    "Hot och våld mot personal i kollektivtrafiken": "OFFENTLIG_MILJO",
    "Otrygghet kring resecentrum kvällstid": "OFFENTLIG_MILJO",
    "Hedersrelaterat våld och förtryck bland unga": "NARA_RELATIONER",
    "Våld mot äldre i nära relationer": "NARA_RELATIONER",
    "Organiserade butiksstölder": "HANDEL",
    "Sprängningar vid flerbostadshus": "VALDSDAD",
    "Arbetskraftsexploatering i byggbranschen": "ARBETSLIV",
    "Otillåten påverkan på tjänstepersoner i socialtjänsten": "INFILTRATION",
    "Buskörning med moped och epa-traktor i centrum": "OFFENTLIG_MILJO",
}
"""Brå's national theme (code list `tema`) of the phenomena that have one: the same phenomenon in eight
counties is one theme, whatever each county titles it."""
NOT_SHARED_SHARE = 0.05
"""Of the problem areas, the share a länsstyrelse keeps from the other counties (a sensitive case)."""
THEMED_SHARE = 0.8
"""Of the problem areas whose phenomenon has a theme, the share a coordinator has tagged with it."""
_PHENOMENON_CONTEXTS = (
    "Fenomenet har uppmärksammats i flera kommuner i länet.",
    "Polisen rapporterar en ökning under det senaste året.",
    "Kommunernas lägesbilder pekar på samma mönster.",
    "Frågan lyftes i länsnätverket och bevakas gemensamt.",
)
_PROBLEM_CATEGORY_WEIGHTS = {"OKANDE_PROBLEM": 45, "GEOGRAFISKT": 30, "UTVECKLINGSOMRADE": 25}
"""The category of a known phenomenon; one of the subject new crime phenomena is a new phenomenon."""
_TREND_WEIGHTS = {"OKANDE": 45, "OFORANDRAD": 25, "MINSKANDE": 10, "EJ_KANT": 20}
_PROBLEM_STATUS_WEIGHTS = {"BEVAKAS": 50, "ATGARDAS": 40, "AVSLUTAT": 10}

# --- the municipalities' follow-ups (Lag 2023:196) ---

_LAW_STEPS = {
    # requirement: its statuses from none to in place, and how likely each is in the law's first year
    "coordination_status": (("SAKNAS", "UNDER_UPPBYGGNAD", "FINNS"), (8, 22, 70)),
    "situation_status": (("SAKNAS", "UNDER_ARBETE", "KLAR"), (25, 45, 30)),
    "plan_status": (("SAKNAS", "UNDER_ARBETE", "BESLUTAD"), (40, 40, 20)),
}
_PLAN_BODIES = {"KF": 55, "KS": 35, "NAMND": 7, "ANNAT": 3}
_PLACEMENTS = ("Kommunledningskontoret", "Kommunledningskontoret", "Säkerhets- och beredskapsavdelningen",
               "Socialförvaltningen", "Kultur- och fritidsförvaltningen", "Samhällsbyggnadsförvaltningen")
_SHARES = (20, 25, 50, 50, 50, 75, 100, 100, 100, 150, 200)
_METHOD_CHANCES = {"EST": 0.35, "SSPF": 0.55, "CTC": 0.08, "MEDBORGARLOFTEN": 0.5, "TRYGGHETSVANDRING": 0.45,
                   "MVP": 0.15, "ANNAN": 0.1}
_SUPPORT_NEEDS = {
    "coordination_status": "Behöver stöd i att bygga upp samordningsfunktionen och förankra den i ledningen.",
    "situation_status": "Vill ha stöd i att ta fram lägesbilden tillsammans med lokalpolisområdet.",
    "plan_status": "Behöver stöd i att gå från lägesbild till en åtgärdsplan som kan beslutas.",
}
_PRIORITIES = (
    "Unga som rekryteras till kriminella nätverk", "Våld i nära relationer", "Bedrägerier mot äldre",
    "Trygghet i offentlig miljö", "Kommunernas lägesbilder och åtgärdsplaner", "Brott mot företag i centrumområden",
)
_FOLLOW_UP_NOTES = (
    "Avstämning med kommunal samordnare; planen ska upp i kommunstyrelsen under hösten.",
    "Ny samordnare sedan våren. Har deltagit i länets nätverksträffar.",
    "Samverkansöverenskommelsen med polisen ses över i år.",
    "Lägesbilden saknar analys av brott mot näringsidkare; tipsat om Brås stöd.",
    "Arbetet har stannat av efter omorganisation; följs upp vid nästa kommunbesök.",
)


# --- the entry point ----------------------------------------------------------------------------


def fill_demo_register(register: Register, *, activities: int = 500, seed: int = 1, user: str) -> dict[str, int]:
    """Fill an empty register with demo data for its producer; return the counts per kind (Swedish plural).

    Commitments (≈ activities/20) and problem areas (≈ activities/50) scale with the activities;
    networks and organisations follow the county's municipalities.
    """
    producer = register.producer
    if producer is None:
        raise RegisterError("Ange först vems registret är (län eller Brå).", "First say whose register this is.")
    if activities < 0:
        raise RegisterError("Antalet aktiviteter kan inte vara negativt.", "The number of activities cannot be negative.")
    stamp = _EPOCH + timedelta(minutes=seed % 525_600)
    with register.session() as session, session.begin():
        add_national_structure(session)  # the demo's records link to it; in the same transaction
        _require_empty(session)
        builder = _DemoBuilder(seed, producer, _load_counties(session, producer), activities, date.today())
        written = {
            key: insert_records(session, KINDS[key], builder.rows(key), user=user, source=SOURCE, updated_at=stamp)
            for key in DEPENDENCY_ORDER
        }
        _complete(session, builder.completions, user=user)
    return {kind.plural_sv.lower(): written[key] for key, kind in KINDS.items()}


def _complete(session: Session, completions: list[tuple[str, date, dict[str, Any], dict[str, Any]]], *,
              user: str) -> None:
    """Make the commitments done on the days they were done, as their second versions."""
    kind = KINDS["commitment"]
    by_time: dict[datetime, list[RecordWrite]] = {}
    for record_id, day, before, after in completions:
        at = datetime.combine(day, time(14), tzinfo=timezone.utc)
        by_time.setdefault(at, []).append(RecordWrite(record_id, None, normalise(kind, after), version=2, updated_at=at,
                                                      before=normalise(kind, before), was_deleted=False))
    for at, writes in sorted(by_time.items()):
        write_records(session, kind, writes, user=user, source=SOURCE, logged_at=at)


def _require_empty(session: Session) -> None:
    """Demo data goes into an empty register only: mixed into real records it would reach Brå in a bundle.
    (Brå's national structure is in every register from the start: it does not count.)"""
    structure = [record.id for record in national_structure.RECORDS]
    for kind in KINDS.values():
        if session.scalar(select(kind.table.id).where(kind.table.id.not_in(structure)).limit(1)) is not None:
            raise RegisterError(
                "Registret innehåller redan poster. Demodata kan bara läggas i ett tomt register.",
                "The register already holds records. Demo data can only go into an empty register.",
            )


@dataclass
class _County:
    """A county as the generator sees it, with the ids of its own networks and organisations."""

    code: str
    name: str
    municipalities: list[tuple[str, str]]
    """(code, name), ordered by code."""
    municipality_orgs: dict[str, tuple[str, str]] = field(default_factory=dict)
    """municipality code → (organisation id, organisation name)."""
    police_for: dict[str, str] = field(default_factory=dict)
    """municipality code → id of the police organisation that covers it (the county's polisregion)."""
    board: str = ""
    region: str | None = None
    university: str = ""
    partners: dict[str, list[str]] = field(default_factory=dict)
    """"civil" / "business" → organisation ids."""
    general_network: str = ""
    subject_networks: dict[str, str] = field(default_factory=dict)
    local_networks: dict[str, str] = field(default_factory=dict)
    """municipality code → id of its local network."""
    networks: list[str] = field(default_factory=list)


def _load_counties(session: Session, producer: str) -> list[_County]:
    """The producer's county, or all counties for Brå, from the register's reference data."""
    query = select(County).order_by(County.code)
    if producer != NATIONAL:
        query = query.where(County.code == producer)
    counties = {c.code: _County(c.code, c.name, []) for c in session.scalars(query)}
    for municipality in session.scalars(select(Municipality).order_by(Municipality.code)):
        if municipality.county_code in counties:
            counties[municipality.county_code].municipalities.append((municipality.code, municipality.name))
    return list(counties.values())


# --- the generator -----------------------------------------------------------------------------


def municipality_org_name(name: str) -> str:
    """`Kungsör` → `Kungsörs kommun`, `Ale` → `Ale kommun`, with the few that are called otherwise."""
    if name in _MUNICIPALITY_ORG_NAMES:
        return _MUNICIPALITY_ORG_NAMES[name]
    genitive = name if name[-1] in "aeiouyåäösxz" else name + "s"
    return f"{genitive} kommun"


def org_number(nine_digits: str) -> str:
    """`NNNNNN-NNNN` with the Luhn check digit that makes the number valid."""
    check = next(d for d in "0123456789" if luhn_ok(nine_digits + d))
    return f"{nine_digits[:6]}-{nine_digits[6:]}{check}"


QUIET_SHARE = 0.15
"""Of a county's municipalities, about this share gets no support in a given year."""


def _season(day: date) -> float:
    """How busy a working day is: July and the weeks around Christmas are quiet, June and August
    half so, the rest of the year as busy as any."""
    if day.month == 7 or (day.month == 12 and day.day > 19) or (day.month == 1 and day.day < 7):
        return 0.15
    if day.month in (6, 8):
        return 0.6
    return 1.0


def _weighted(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Population and cumulative weights for `Random.choices`."""
    total, cumulative = 0, []
    for weight in weights.values():
        total += weight
        cumulative.append(total)
    return list(weights), cumulative


class _DemoBuilder:
    """Makes the records of one demo register, kind by kind, in dependency order.

    Networks and organisations are made up front (few, and everything refers to them); activities,
    commitments and problem areas are generated lazily, and each remembers what it made so the
    kinds after it can link to records of the same county, network and subject.
    """

    def __init__(self, seed: int, producer: str, counties: list[_County], activities: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.producer = producer
        self.counties = counties
        self.today = today
        self.activity_count = activities
        self.commitment_count = max(activities // 20, 5)
        self.problem_area_count = max(activities // 50, 3)
        self._counters: dict[tuple[str, str], int] = {}
        self.first_day = first = date(today.year - 2, 1, 1)
        days = (date(today.year, 12, 31) - first).days + 1
        self.weekdays = [d for d in (first + timedelta(n) for n in range(days)) if d.weekday() < 5]
        self.weekday_weights = list(accumulate(_season(day) for day in self.weekdays))
        month_ends = [date(y, m + 1, 1) - timedelta(1) if m < 12 else date(y, 12, 31)
                      for y in range(today.year - 2, today.year + 2) for m in range(1, 13)]
        self.past_month_ends = [d for d in month_ends if d < today]
        self.future_month_ends = [d for d in month_ends if d >= today]
        # a shuffled cycle over the municipalities in scope spreads records over them; `quiet` leaves gaps
        self.cycle = [(ci, mi) for ci, county in enumerate(counties) for mi in range(len(county.municipalities))]
        self.rng.shuffle(self.cycle)
        self.quiet = {(code, year) for county in counties for code, _name in county.municipalities
                      for year in range(first.year, today.year + 1) if self.rng.random() < QUIET_SHARE}
        """(municipality, year) that got no support that year: real years are uneven."""
        self.network_names: dict[str, str] = {}
        self.network_subjects: dict[str, str | None] = {}
        self.national_networks: list[str] = []
        self.completions: list[tuple[str, date, dict[str, Any], dict[str, Any]]] = []
        """(commitment id, the day it was done, its content before, after) of the commitments done:
        written as done on that day, so that each year's report finds the commitments completed in it."""
        self.agencies: dict[str, str] = {}
        """Name → id of the national agencies (`_NATIONAL_ORGANISATIONS`)."""
        self._organisations = self._make_organisations()
        self._networks = self._make_networks()
        self.activity_ids: list[str] = []
        self.activities_by_county: list[list[int]] = [[] for _ in counties]
        self.activities_by_county_subject: dict[tuple[int, str], list[int]] = {}
        self.activities_by_county_network: dict[tuple[int, str], list[int]] = {}
        self.activities_by_network: dict[str, list[int]] = {}
        self.commitments_by_county: list[list[str]] = [[] for _ in counties]
        self._done: set[str] = set()
        self.years_followed = range(max(self.first_day.year, 2023), today.year + 1)
        self.plans_decided: dict[tuple[str, int], int] = {}
        """(county, year) → municipalities with a decided åtgärdsplan, for the redovisning's words."""

    def rows(self, kind: str) -> Iterator[NewRecord]:
        """The records of `kind`; call in `DEPENDENCY_ORDER`, consuming each before the next."""
        assert all(k in self._done for k in DEPENDENCY_ORDER[: DEPENDENCY_ORDER.index(kind)]), kind
        self._done.add(kind)
        if kind == "network":
            return iter(self._networks)
        if kind == "organisation":
            return iter(self._organisations)
        return {"activity": self._activities, "commitment": self._commitments, "problem_area": self._problem_areas,
                "follow_up": self._follow_ups, "county_report": self._county_reports}[kind]()

    def _id(self, owner: str, kind: str) -> str:
        """The next id of `kind` made by `owner` (the register's producer, or BRA for national records)."""
        index = self._counters.get((owner, kind), 0)
        self._counters[(owner, kind)] = index + 1
        return str(uuid.uuid5(_ID_NAMESPACE, f"{self.seed}/{owner}/{kind}/{index}"))

    # --- networks and organisations ---

    def _make_networks(self) -> list[NewRecord]:
        rows: list[NewRecord] = []
        for network in national_structure.NETWORKS:  # in the register already
            self.network_names[network.id] = network.content["name"]
            self.network_subjects[network.id] = network.content["subject_area"]
            self.national_networks.append(network.id)
        for county in self.counties:
            county_activities = self.activity_count * len(county.municipalities) // max(len(self.cycle), 1)
            police = next(iter(county.police_for.values()))
            authorities = [county.board, *([county.region] if county.region else []), police]
            for name, subject, description in _REGIONAL_NETWORKS:
                municipalities = [org for org, _name in county.municipality_orgs.values()]
                members = authorities + (municipalities if subject is None else self.rng.sample(
                    municipalities, min(len(municipalities), self.rng.randint(3, 8))))
                cadence = "KVARTALSVIS" if subject is None else self.rng.choice(("KVARTALSVIS", "HALVARSVIS"))
                network_id = self._network(rows, self.producer, county.code, name.format(lan=county.name),
                                           "REGIONALT", subject, description, self._founded(),
                                           (county.board, members, cadence))
                county.networks.append(network_id)
                if subject is None:
                    county.general_network = network_id
                else:
                    county.subject_networks[subject] = network_id
            local_count = min(len(county.municipalities), 2 + county_activities // 200)
            for index, (code, municipality) in enumerate(self.rng.sample(county.municipalities, local_count)):
                name, subject, description, cadence, partners = _LOCAL_NETWORKS[index % len(_LOCAL_NETWORKS)]
                kommun = county.municipality_orgs[code][0]
                members = [kommun, county.police_for[code],
                           *(self.rng.choice(county.partners[partner]) for partner in partners)]
                network_id = self._network(rows, self.producer, county.code, name.format(kommun=municipality),
                                           "LOKALT", subject, description, self._founded(), (kommun, members, cadence))
                county.networks.append(network_id)
                county.local_networks[code] = network_id
        return rows

    def _founded(self) -> date:
        return date(self.rng.randint(2012, 2022), self.rng.choice((1, 3, 9)), 1)

    def _network(self, rows: list[NewRecord], owner: str, origin: str, name: str, kind: str,
                 subject: str | None, description: str, active_from: date,
                 meets: tuple[str, list[str], str]) -> str:
        """Add a network; `meets` is its convener, its members and how often they meet."""
        network_id = self._id(owner, "network")
        self.network_names[network_id] = name
        self.network_subjects[network_id] = subject
        convener, members, cadence = meets
        rows.append((network_id, origin, {
            "name": name, "kind": kind, "subject_area": subject, "description": description,
            "active_from": active_from, "active_to": None, "convener_org_id": convener, "members": members,
            "meeting_cadence": cadence,
        }))
        return network_id

    def _make_organisations(self) -> list[NewRecord]:
        rows: list[NewRecord] = []
        for name, org_type, digits in _NATIONAL_ORGANISATIONS:
            self.agencies[name] = self._organisation(rows, NATIONAL, NATIONAL, name, org_type, org_number(digits), None,
                                                     contact=False)
        police_number = next(r.content["org_number"] for r in national_structure.ORGANISATIONS
                             if r.id == national_structure.POLICE)
        police_regions = {row["lanskod"]: row["polisregion"] for row in reference_rows("polisregioner.csv")}
        for county in self.counties:
            region, seat_name, university = _COUNTY_FACTS[county.code]
            codes = {name: code for code, name in county.municipalities}
            seat = codes.get(seat_name, county.municipalities[0][0])
            seat_name = next(name for code, name in county.municipalities if code == seat)
            number = int(county.code)
            county.board = self._organisation(rows, self.producer, county.code, f"Länsstyrelsen i {county.name}",
                                              "LANSSTYRELSE", org_number(f"202100{100 + number:03d}"), seat)
            if region:
                county.region = self._organisation(rows, self.producer, county.code, region, "REGION",
                                                   org_number(f"232100{number:03d}"), seat)
            # the polisregion, not an invented lokalpolisområde: the demo knows no real local names
            police = self._organisation(rows, self.producer, county.code, f"Polisregion {police_regions[county.code]}",
                                        "POLIS", police_number, seat, chance=0.7)
            for code, name in county.municipalities:
                org_name = municipality_org_name(name)
                county.municipality_orgs[code] = (
                    self._organisation(rows, self.producer, county.code, org_name, "KOMMUN",
                                       org_number(f"21200{code}"), code, chance=0.6), org_name)
                county.police_for[code] = police
            county.university = self._organisation(rows, self.producer, county.code, university, "AKADEMI",
                                                   org_number(f"202100{500 + number:03d}"), seat, chance=0.3)
            for partner, org_type, templates, prefix in (("civil", "CIVILSAMHALLE", _CIVIL_SOCIETY, "802"),
                                                         ("business", "NARINGSLIV", _BUSINESSES, "556")):
                county.partners[partner] = [
                    self._organisation(rows, self.producer, county.code, template.format(seat=seat_name), org_type,
                                       self._random_org_number(prefix), seat, chance=0.4)
                    for template in templates
                ]
        return rows

    def _random_org_number(self, prefix: str) -> str | None:
        """Associations and companies: some are registered without their number."""
        if self.rng.random() < 0.25:
            return None
        return org_number(prefix + f"{self.rng.randrange(1_000_000):06d}")

    def _organisation(self, rows: list[NewRecord], owner: str, origin: str, name: str, org_type: str,
                      number: str | None, municipality: str | None, *, contact: bool = True,
                      chance: float = 1.0) -> str:
        """Add an organisation; `chance` of a (fictitious) contact person, on the `.example` domain."""
        org_id = self._id(owner, "organisation")
        content: dict[str, Any] = {"name": name, "org_type": org_type, "org_number": number,
                                   "municipality_code": municipality}
        if contact and self.rng.random() < chance:
            first, last = self.rng.choice(_FIRST_NAMES), self.rng.choice(_LAST_NAMES)
            domain = name.split(",")[0].lower().translate(_TRANSLITERATE)
            content.update(
                contact_name=f"{first} {last}",
                contact_email=f"{first}.{last}".lower().translate(_TRANSLITERATE) + f"@{domain}.example",
                contact_phone=f"070-174 06 {self.rng.randint(5, 99):02d}",  # PTS numbers reserved for fiction
            )
        rows.append((org_id, origin, content))
        return org_id

    # --- activities ---

    def _activities(self) -> Iterator[NewRecord]:
        rng, counties, cycle, today = self.rng, self.counties, self.cycle, self.today
        rand, choice, choices, randint, sample = rng.random, rng.choice, rng.choices, rng.randint, rng.sample
        subjects, subject_weights = _weighted(_SUBJECT_WEIGHTS)
        types, type_weights = _weighted({code: spec[0] for code, spec in _ACTIVITY_TYPES.items()})
        national_by_subject = {self.network_subjects[n]: n for n in self.national_networks[1:]}
        core_network = self.national_networks[0]
        owner = self.producer
        for index in range(self.activity_count):
            county_index, municipality_index = cycle[index % len(cycle)]
            county = counties[county_index]
            home, home_name = county.municipalities[municipality_index]
            subject = choices(subjects, cum_weights=subject_weights)[0]
            activity_type = choices(types, cum_weights=type_weights)[0]
            _weight, (least, most), noun, templates = _ACTIVITY_TYPES[activity_type]
            topic = choice(_TOPICS[subject])
            start = choices(self.weekdays, cum_weights=self.weekday_weights)[0]
            if (home, start.year) in self.quiet:  # the länsstyrelse went elsewhere that year
                busy = [place for place in county.municipalities if (place[0], start.year) not in self.quiet]
                if busy:
                    home, home_name = choice(busy)

            template = choice(templates)
            names_one = "{kommuner}" not in template and ("{kommun}" in template or "{kommun_org}" in template)
            extra = (1 if activity_type == "KOMMUNOVERSKRIDANDE" else
                     0 if activity_type in _ONE_MUNICIPALITY_TYPES or names_one else (0, 0, 0, 1, 1, 2)[randint(0, 5)])
            municipalities = [(home, home_name)]
            if extra:
                for other in sample(county.municipalities, min(extra + 1, len(county.municipalities))):
                    if other[0] != home and len(municipalities) <= extra and (other[0], start.year) not in self.quiet:
                        municipalities.append(other)
            kommun_org_id, kommun_org = county.municipality_orgs[home]

            organisations = [kommun_org_id]
            if rand() < 0.45:
                organisations.append(county.police_for[home])
            if rand() < 0.35:
                organisations.append(county.board)
            if rand() < 0.15:
                partner = _PARTNER_BY_SUBJECT[subject]
                organisations.append(county.university if partner == "university" else choice(county.partners[partner]))
            if county.region and rand() < REGION_SHARE:
                organisations.append(county.region)
            if subject in _AGENCIES_BY_SUBJECT and rand() < AGENCY_SHARE:
                organisations.append(self.agencies[choice(_AGENCIES_BY_SUBJECT[subject])])

            roll = rand()
            if roll < 0.12:
                network = None
            elif roll < 0.14:
                network = core_network
            elif roll < 0.34 and subject in national_by_subject:
                network = national_by_subject[subject]
            elif roll < 0.55 and home in county.local_networks:
                network = county.local_networks[home]
            else:
                network = county.subject_networks.get(subject, county.general_network)

            if rand() < 0.08:
                target = None
            elif activity_type in _OUTWARD_TYPES and rand() < 0.5:
                target = choice(_TARGETS_BY_SUBJECT[subject])
            else:
                target = choice(_TARGETS_BY_TYPE[activity_type])

            others = [] if target is None or rand() > 0.25 else [
                other for other in sample(_FURTHER_TARGETS, randint(1, 2)) if other != target]
            role = choice(_ROLES_BY_TYPE.get(activity_type, ("ARRANGOR",)))
            description = f"{noun} för {_TARGET_PHRASES[target]} med fokus på {topic}."
            if rand() < 0.6:
                description += " " + choice(_DESCRIPTION_EXTRAS)
            participants = outcome = follow_up = None
            if start > today:
                status = "PLANERAD"
            elif rand() < 0.04:
                status = "INSTALLD"
                outcome = choice(_CANCELLATIONS)
            else:
                status = "GENOMFORD"
                participants = randint(least, most)
                outcome = choice(_OUTCOMES)
                if rand() < 0.3:
                    follow_up = choice(_FOLLOW_UPS)
            end = None
            if activity_type in _MULTI_DAY_TYPES and start.weekday() < 4 and rand() < 0.2:
                end = start + timedelta(1)

            names = [name for _code, name in municipalities]
            title = template.format(
                topic=topic, skill=choice(_SKILLS), kommun=home_name, kommun_org=kommun_org, lan=county.name,
                kommuner=" och ".join((", ".join(names[:-1]), names[-1])) if len(names) > 1 else home_name,
            )
            second = choices(subjects, cum_weights=subject_weights)[0] if rand() < 0.3 else subject

            activity_id = self._id(owner, "activity")
            self.activity_ids.append(activity_id)
            self.activities_by_county[county_index].append(index)
            self.activities_by_county_subject.setdefault((county_index, subject), []).append(index)
            if network is not None:
                self.activities_by_county_network.setdefault((county_index, network), []).append(index)
                self.activities_by_network.setdefault(network, []).append(index)
            yield activity_id, county.code, {
                "title": title, "activity_type": activity_type, "status": status, "start_date": start,
                "end_date": end, "network_id": network, "subject_areas": (subject, second),
                "municipalities": [code for code, _name in municipalities],
                "organisations": organisations[:4], "participants": participants, "county_role": role,
                "target_group": target, "other_target_groups": others,
                "description": description, "outcome": outcome, "follow_up": follow_up,
            }

    def _linked_activities(self, pool: list[int], most: int) -> list[str]:
        if not pool:
            return []
        picked = self.rng.sample(pool, min(self.rng.randint(1, most), len(pool)))
        return [self.activity_ids[i] for i in picked]

    # --- commitments ---

    def _commitments(self) -> Iterator[NewRecord]:
        rng = self.rng
        statuses = _dealt(rng, _COMMITMENT_STATUS_DECK)
        national = min(self.commitment_count, max(len(self.national_networks), self.commitment_count // 10)) \
            if self.producer == NATIONAL else 0
        subjects = list(_SUBJECT_WEIGHTS)
        for index in range(self.commitment_count):
            status = next(statuses)
            if index < national:
                county_index, county, origin = None, None, NATIONAL
                network = self.national_networks[index % len(self.national_networks)]
                templates = _NATIONAL_COMMITMENT_TITLES
                responsible = (national_structure.BRA if index % len(self.national_networks) == 0
                               else rng.choice((national_structure.BRA, national_structure.POLICE, national_structure.SKR)))
                linked = self._linked_activities(self.activities_by_network.get(network, []), 6)
                kommun_org = home_name = ""
                concerned = []
                subject = self.network_subjects[network] or rng.choice(subjects)
            else:
                county_index = rng.choice(self.cycle)[0]
                county = self.counties[county_index]
                origin = county.code
                template, who, where = rng.choice(_COMMITMENT_TITLES)
                home, home_name = rng.choice(county.municipalities)
                subject = rng.choice(subjects)
                network = self._commitment_network(county, where, home, subject)
                _org_id, kommun_org = county.municipality_orgs[home]
                concerned = [home] if where in ("municipality", "local") else []
                responsible = {"board": county.board, "region": county.region or county.board,
                               "municipality": county.municipality_orgs[home][0],
                               "police": county.police_for[home]}[who]
                linked = self._linked_activities(
                    self.activities_by_county_network.get((county_index, network))
                    or self.activities_by_county[county_index], 4)
                templates = (template,)
                subject = self.network_subjects[network] or subject
            title = rng.choice(templates).format(
                topic=rng.choice(_TOPICS[subject]), skill=rng.choice(_SKILLS), kommun_org=kommun_org,
                kommun=home_name, lan=county.name if county else "",
            )
            commitment_id = self._id(self.producer, "commitment")
            if county_index is not None:
                self.commitments_by_county[county_index].append(commitment_id)
            notes = _PROGRESS_NOTES[status]
            due = self._due_date(status)
            content = {
                "title": title,
                "description": f"Åtagande inom {self.network_names[network]}. {rng.choice(_COMMITMENT_PURPOSES)}",
                "network_id": network, "responsible_org_id": responsible, "municipalities": concerned,
                "due_date": due,
                "status": status, "progress_note": rng.choice(notes) if rng.random() < 0.7 else None,
                "activities": linked,
            }
            if status == "KLART":  # begun as in progress, made done on the day it was done (`completions`)
                begun = {**content, "status": "PAGAR", "progress_note": None}
                self.completions.append((commitment_id, self._done_on(due), begun, content))
                content = begun
            yield commitment_id, origin, content

    def _done_on(self, due: date) -> date:
        """The day a commitment was done: in the three months up to its due date, and not in the future."""
        last = min(due, self.today - timedelta(1))
        return max(self.first_day + timedelta(1), last - timedelta(self.rng.randint(0, 90)))

    def _commitment_network(self, county: _County, where: str, home: str, subject: str) -> str:
        """The network a county's commitment belongs to: its local network for local work, Brå's on
        the subject for a contribution to the national structure, else the county's on the subject."""
        if where == "local" and home in county.local_networks:
            return county.local_networks[home]
        if where == "national":
            by_subject = {self.network_subjects[n]: n for n in self.national_networks[1:]}
            return by_subject.get(subject, self.national_networks[0])
        if where == "regional":
            return county.subject_networks.get(subject, county.general_network)
        return county.general_network

    def _due_date(self, status: str) -> date:
        """A month end that fits the status: delayed work is overdue, work not begun is due later."""
        rng = self.rng
        if status == "FORSENAT":
            overdue = True
        elif status == "EJ_PABORJAT":
            overdue = False
        elif status == "PAGAR":
            overdue = rng.random() < 0.3
        elif status == "KLART":
            overdue = rng.random() < 0.8
        else:
            overdue = rng.random() < 0.5
        return rng.choice(self.past_month_ends if overdue else self.future_month_ends)

    # --- problem areas ---

    def _problem_areas(self) -> Iterator[NewRecord]:
        rng = self.rng
        categories, category_weights = _weighted(_PROBLEM_CATEGORY_WEIGHTS)
        trends, trend_weights = _weighted(_TREND_WEIGHTS)
        statuses, status_weights = _weighted(_PROBLEM_STATUS_WEIGHTS)
        observable_days = (self.today - self.first_day).days
        phenomena: dict[int, Iterator[tuple[str, str, str]]] = {}
        """Per county, the phenomena dealt: a coordinator registers a phenomenon once, not twice."""
        for _index in range(self.problem_area_count):
            county_index, municipality_index = rng.choice(self.cycle)
            county = self.counties[county_index]
            home, home_name = county.municipalities[municipality_index]
            title, subject, description = next(phenomena.setdefault(county_index, _dealt(rng, _PHENOMENA)))
            theme = _THEMES.get(title) if rng.random() < THEMED_SHARE else None
            category = ("NYTT_FENOMEN" if subject == "NYA_FENOMEN"
                        else rng.choices(categories, cum_weights=category_weights)[0])
            if category == "GEOGRAFISKT":
                title = f"{title} i {home_name}"
            municipalities = {home} if category == "GEOGRAFISKT" else {home, *(code for code, _name in rng.sample(
                county.municipalities, min(rng.randint(0, 2), len(county.municipalities))))}
            first_observed = self.first_day + timedelta(rng.randint(0, observable_days)) if rng.random() < 0.85 else None
            commitments = self.commitments_by_county[county_index]
            yield self._id(self.producer, "problem_area"), county.code, {
                "title": title,
                "description": f"{description} {rng.choice(_PHENOMENON_CONTEXTS)}",
                "category": category,
                "theme": theme,
                "sharing": NOT_SHARED if rng.random() < NOT_SHARED_SHARE else None,
                "trend": rng.choices(trends, cum_weights=trend_weights)[0],
                "first_observed": first_observed,
                "status": rng.choices(statuses, cum_weights=status_weights)[0],
                "municipalities": sorted(municipalities),
                "activities": self._linked_activities(
                    self.activities_by_county_subject.get((county_index, subject))
                    or self.activities_by_county[county_index], 5),
                "commitments": rng.sample(commitments, min(rng.randint(0, 2), len(commitments))),
            }


    # --- the municipalities' follow-ups ---

    def _follow_ups(self) -> Iterator[NewRecord]:
        """A follow-up of every municipality in scope for each year since the law (from the demo's
        first year): statuses that differ from county to county and mostly move forward from one
        year to the next, a few municipalities staying without a decided plan or a coordinator."""
        rng = self.rng
        bodies, body_weights = _weighted(_PLAN_BODIES)
        for county in self.counties:
            pace = rng.uniform(0.3, 0.75)  # how far the county's municipalities come in a year
            for code, _name in county.municipalities:
                levels = {field: rng.choices(range(3), weights=weights)[0] for field, (_, weights) in _LAW_STEPS.items()}
                stuck = rng.random() < 0.12  # some municipalities do not move for years
                since = date(rng.randint(2016, 2023), rng.randint(1, 12), 1)
                body = rng.choices(bodies, cum_weights=body_weights)[0]
                placement, share = rng.choice(_PLACEMENTS), rng.choice(_SHARES)
                coordinator = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
                methods = sorted(method for method, chance in _METHOD_CHANCES.items() if rng.random() < chance)
                agreement, promises = rng.random() < 0.7, rng.random() < 0.45
                decided: date | None = None
                for year in self.years_followed:
                    if year > self.years_followed[0] and not stuck:
                        levels = {field: min(2, level + (rng.random() < pace)) for field, level in levels.items()}
                    if levels["plan_status"] == 2 and decided is None:
                        decided = date(year, rng.randint(2, 11), rng.randint(1, 28))
                    self.plans_decided[county.code, year] = self.plans_decided.get((county.code, year), 0) + (decided is not None)
                    yield self._follow_up(county.code, code, year, levels, since, body, placement, share, coordinator,
                                          methods, agreement, promises, decided)

    def _follow_up(self, county: str, municipality: str, year: int, levels: dict[str, int], since: date, body: str,
                   placement: str, share: int, coordinator: str, methods: list[str], agreement: bool, promises: bool,
                   decided: date | None) -> NewRecord:
        rng = self.rng
        content: dict[str, Any] = {
            "municipality_code": municipality, "year": year,
            **{field: steps[levels[field]] for field, (steps, _) in _LAW_STEPS.items()},
            "methods": methods if levels["situation_status"] else [],
        }
        if levels["coordination_status"]:
            content.update(coordination_placement=placement, coordinator_name=coordinator,
                           coordinator_email=coordinator.lower().replace(" ", ".").translate(_TRANSLITERATE)
                           + f"@kommun{municipality}.example")
        if levels["coordination_status"] == 2:
            content.update(coordination_since=since, coordination_share=share)
        if levels["situation_status"] == 2:
            content.update(situation_date=date(year, rng.randint(1, 10), rng.randint(1, 28)),
                           situation_with_police=rng.choice(("JA", "JA", "JA", "NEJ")))
        if decided is not None:
            content.update(plan_decided_on=decided, plan_decided_by=body,
                           plan_valid_to=date(decided.year + rng.choice((2, 3, 4)), 12, 31))
        content.update(police_agreement="JA" if agreement else "NEJ", citizen_promises="JA" if promises else "NEJ")
        if agreement:
            content["police_agreement_valid_to"] = date(year + rng.randint(0, 2), 12, 31)
        if promises:
            content["citizen_promises_valid_to"] = date(year + 1, 12, 31)
        lacking = [need for field, need in _SUPPORT_NEEDS.items() if levels[field] < 2]
        if lacking:
            content["support_needs"] = " ".join(lacking)
        if rng.random() < 0.3:
            content["notes"] = rng.choice(_FOLLOW_UP_NOTES)
        if year == self.today.year:
            content["next_follow_up"] = self.today + timedelta(rng.randint(20, 200))
        return identity_id(KINDS["follow_up"], content), county, content

    # --- the länsstyrelser's redovisningar ---

    def _county_reports(self) -> Iterator[NewRecord]:
        """Each county's redovisning of each year since the law: written in full for the years that
        have ended, and this year's a draft with its priorities only."""
        rng = self.rng
        for county in self.counties:
            total = len(county.municipalities)
            for year in self.years_followed:
                priorities = rng.sample(_PRIORITIES, 2)
                content: dict[str, Any] = {"year": year, "priorities": f"{priorities[0]}. {priorities[1]}."}
                if year < self.today.year:
                    decided = self.plans_decided.get((county.code, year), 0)
                    content.update(
                        case_number=f"{rng.randint(100, 899)}-{rng.randint(1000, 9999)}-{year}",
                        assessment=(f"{decided} av länets {total} kommuner hade vid årets slut en beslutad åtgärdsplan. "
                                    "Länsstyrelsen har prioriterat stöd till de kommuner som ännu saknar en, och "
                                    "samverkan med polisen har stärkts."),
                        regional_picture=(f"{priorities[0]} är det problem som flest kommuner i {county.name} lyfter "
                                          "i sina lägesbilder."),
                        police_cooperation="Länsstyrelsen och polisregionen har träffats varje kvartal och tagit fram "
                                           "en gemensam plan för stödet till kommunerna.",
                        resources=f"{rng.choice(('1', '1,5', '2'))} årsarbetskrafter för den regionala samordningen.",
                        development_needs="Kommunerna efterfrågar stöd i att följa upp sina åtgärdsplaner.",
                    )
                yield identity_id(KINDS["county_report"], content, county.code), county.code, content

def _dealt(rng: random.Random, deck: tuple[Any, ...]) -> Iterator[Any]:
    """Cards from `deck`, reshuffled each time it runs out: the mix is exact, the order random."""
    while True:
        hand = list(deck)
        rng.shuffle(hand)
        yield from hand
