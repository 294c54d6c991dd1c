from datetime import date, datetime, timezone

import pytest

from bra_desktop.domain.content import canonical_json, content_hash, normalise, search_text
from bra_desktop.domain.fields import ACTIVITY, KINDS, NETWORK, ORGANISATION
from bra_desktop.domain.orgnumber import luhn_ok, normalise_org_number
from bra_desktop.domain.validation import Reference, validate

REF = Reference(
    codes={
        "aktivitetstyp": {"NATVERKSTRAFF": True, "GAMMAL": False},
        "aktivitetsstatus": {"GENOMFORD": True},
        "amnesomrade": {"UNGA": True, "VALD": True},
        "natverkstyp": {"REGIONALT": True},
        "aktorstyp": {"POLIS": True},
    },
    municipalities={"0180", "0114"},
)


def activity(**changes):
    base = {"title": "Träff", "activity_type": "NATVERKSTRAFF", "status": "GENOMFORD", "start_date": date(2026, 1, 5)}
    return normalise(ACTIVITY, {**base, **changes})


def messages(problems):
    return {(p.field, p.message_sv) for p in problems}


def test_normalise_makes_equal_meaning_equal():
    a = activity(subject_areas="VALD; UNGA ", description="  rad 1\r\nrad 2  ", participants="12")
    b = activity(subject_areas=["UNGA", "VALD"], description="rad 1\nrad 2", participants=12.0)
    assert a == b
    assert a["subject_areas"] == ("UNGA", "VALD")
    assert content_hash(ACTIVITY, a) == content_hash(ACTIVITY, b)
    assert content_hash(ACTIVITY, a) != content_hash(ACTIVITY, activity(participants=13))


def test_the_canonical_form_is_stable():
    """Registers and bundles keep hashes of this text (`radkontroll`, sync bases): it must never
    change, whatever makes it."""
    content = activity(subject_areas="VALD; UNGA", description="Möte \"om\" unga", participants=12)
    assert canonical_json(ACTIVITY, content) == (
        '{"activity_type":"NATVERKSTRAFF","description":"Möte \\"om\\" unga","end_date":null,'
        '"follow_up":null,"municipalities":[],"network_id":null,"organisations":[],"outcome":null,"participants":12,"start_date":"2026-01-05",'
        '"status":"GENOMFORD","subject_areas":["UNGA","VALD"],"target_group":null,"title":"Träff"}'
    )


def test_normalise_dates_from_text_and_datetime():
    assert activity(start_date="2026-02-03")["start_date"] == date(2026, 2, 3)
    assert activity(start_date=datetime(2026, 2, 3, 10, tzinfo=timezone.utc))["start_date"] == date(2026, 2, 3)
    with pytest.raises(ValueError):
        activity(participants="12.5")


def test_valid_activity_has_no_problems():
    assert validate(ACTIVITY, activity(municipalities=["0180"], subject_areas=["UNGA"]), REF) == []


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"title": ""}, "title", "Rubrik måste fyllas i"),
        ({"end_date": date(2026, 1, 1)}, "end_date", "Slutdatum får inte vara före startdatum"),
        ({"participants": -1}, "participants", "Antal deltagare måste vara ett heltal"),
        ({"activity_type": "OKAND"}, "activity_type", "okänd kod OKAND"),
        ({"activity_type": "GAMMAL"}, "activity_type", "ur bruk"),
        ({"municipalities": ["9999"]}, "municipalities", "okänd kommunkod 9999"),
        ({"title": "a\nb"}, "title", "en rad"),
        ({"description": "x" * 32_768}, "description", "för lång"),
        ({"description": "bell\x07"}, "description", "styrtecken"),
    ],
)
def test_rules_name_field_and_problem(changes, field, fragment):
    problems = validate(ACTIVITY, activity(**changes), REF)
    assert any(p.field == field and fragment in p.message_sv for p in problems), messages(problems)
    assert all(p.message_en for p in problems)


def test_retired_code_stays_valid_on_a_record_that_had_it():
    old = activity(activity_type="GAMMAL")
    assert validate(ACTIVITY, activity(activity_type="GAMMAL", title="Ny rubrik"), REF, previous=old) == []


def test_dangling_reference_is_a_problem():
    ref = Reference(codes=REF.codes, municipalities=REF.municipalities, record_exists=lambda k, i: i == "finns")
    assert validate(ACTIVITY, activity(network_id="finns"), ref) == []
    problems = validate(ACTIVITY, activity(network_id="saknas"), ref)
    assert [p.field for p in problems] == ["network_id"]


def test_network_dates_in_order():
    content = normalise(NETWORK, {"name": "N", "kind": "REGIONALT", "active_from": "2025-01-01", "active_to": "2024-01-01"})
    assert [p.field for p in validate(NETWORK, content, REF)] == ["active_to"]


@pytest.mark.parametrize("number", ["556036-0793", "5560360793", "212000-0142", "202100-5489"])
def test_real_org_numbers_pass_luhn(number):
    assert normalise_org_number(number) == f"{number.replace('-', '')[:6]}-{number.replace('-', '')[6:]}"


@pytest.mark.parametrize("number", ["556036-0794", "55603607", "abcdef-ghij", "5560360793 1"])
def test_bad_org_numbers_are_refused(number):
    assert normalise_org_number(number) is None
    content = normalise(ORGANISATION, {"name": "X", "org_type": "POLIS", "org_number": number})
    assert [p.field for p in validate(ORGANISATION, content, REF)] == ["org_number"]


def test_luhn():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")


def test_search_text_is_casefolded_searchable_fields():
    text = search_text(ACTIVITY, activity(title="ÅTGÄRDER i Örebro", outcome="Bra Möte"))
    assert "åtgärder i örebro" in text and "bra möte" in text


def test_every_kind_describes_its_table():
    for kind in KINDS.values():
        columns = set(kind.table.__table__.columns.keys())
        for spec in kind.scalar_fields:
            assert spec.name in columns, (kind.key, spec.name)
        for spec in kind.multi_fields:
            assert spec.link is not None and spec.name not in columns


@pytest.mark.parametrize(("field", "text", "code"), [
    ("title", "Träff \u202eavsiktligt", "U+202E"),  # right-to-left override
    ("title", "\u202aTräff", "U+202A"),
    ("title", "Träff \u2067unga\u2069", "U+2067"),  # right-to-left isolate
    ("title", "Tr\u200bäff", "U+200B"),  # zero-width space
    ("title", "Tr\u200eäff", "U+200E"),  # left-to-right mark
    ("title", "Träff\u2060", "U+2060"),  # word joiner
    ("title", "\ufeffTräff", "U+FEFF"),  # byte-order mark
    ("title", "Träff \u061c", "U+061C"),  # Arabic letter mark
    ("title", "Tr\u200däff", "U+200D"),  # a joiner between Latin letters joins nothing
    ("title", "Tr\u200cäff", "U+200C"),
    ("title", "\u200d👩", "U+200D"),  # at an end
    ("title", "👩 \u200d💻", "U+200D"),  # beside a space
    ("description", "Rad ett\n\u2066rad två", "U+2066"),
])
def test_invisible_characters_that_hide_or_reverse_text_are_refused(field, text, code):
    problems = validate(ACTIVITY, activity(**{field: text}), REF)
    label = ACTIVITY.field(field)
    assert [(p.field, p.message_sv, p.message_en) for p in problems] == [(
        field, f"{label.label_sv} innehåller ett osynligt tecken som kan dölja eller vända text ({code}).",
        f"{label.label_en} contains an invisible character that can hide or reverse text ({code}).",
    )]


@pytest.mark.parametrize("text", [
    "Ödmjukt tack för åtgärden – «Ärende» 5 °C",
    "Sámediggi čoahkkin Árjepluovves: đ ŋ š ŧ ž",  # northern Sami
    "اجتماع الشبكة الإقليمية",  # Arabic, right to left by itself
    "می\u200cخواهم",  # Persian: a zero-width non-joiner inside a word
    "क्\u200dष",  # Devanagari: a zero-width joiner after a virama
    # emoji with zero-width joiners, a skin tone, a flag, and Scotland's flag (tag characters)
    "Träff 👩\u200d💻 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 👍🏽 ❤\ufe0f\u200d🔥 🇸🇪 "
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
])
def test_the_worlds_text_and_emoji_are_accepted(text):
    assert validate(ACTIVITY, activity(title=text, description=f"{text}\n{text}"), REF) == []
