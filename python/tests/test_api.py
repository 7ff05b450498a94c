"""The package's own API: input types, errors, validate_many, large and hostile input, threads."""

import copy
import datetime
import gc
import json
import pickle
import threading
import time

import pytest

import helix_customer_rules as hcr
from golden import golden_cases

TODAY = "2026-11-23"
GENDER_X = {"patch": {"customerId": 42, "gender": "X"}, "context": {"today": TODAY}}
GENDER_X_RESULT = {
    "valid": False,
    "violations": [
        {
            "code": 60302,
            "path": "/gender",
            "message": "Gender is invalid. Valid values are: 'M', 'F', and 'U'.",
        }
    ],
}


def without_warnings(result):
    # Results carry `warnings` once the library reports its own 58xxx codes; none fire here.
    assert result.pop("warnings", []) == []
    return result


# --- input types -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_doc",
    [
        GENDER_X,
        json.dumps(GENDER_X),
        json.dumps(GENDER_X).encode(),
        bytearray(json.dumps(GENDER_X).encode()),
    ],
    ids=["dict", "str", "bytes", "bytearray"],
)
def test_each_input_type_gives_the_result_document(request_doc):
    assert without_warnings(hcr.validate(request_doc)) == GENDER_X_RESULT


def test_result_keys_are_in_the_command_lines_order():
    out = hcr.validate(GENDER_X)
    assert list(out)[:2] == ["valid", "violations"]
    assert list(out["violations"][0]) == ["code", "path", "message"]


def test_a_valid_patch():
    out = without_warnings(hcr.validate({"patch": {"customerId": 42, "gender": "M"}}, today=TODAY))
    assert out == {"valid": True, "violations": []}


def test_dict_subclasses_tuples_and_int_keys_are_written_as_json_dumps_writes_them():
    from collections import OrderedDict

    patch = OrderedDict(
        [
            ("customerId", 2**70),
            ("addresses", ({"addressType": "Residence", "postalCode": "5001"},)),
            (7, "seven"),
            ("firstName", "Zoë \u00e9\U0001f600"),
            ("x", 1.5e300),
        ]
    )
    doc = {"patch": patch, "context": {"today": TODAY}}
    assert hcr.validate(doc) == hcr.validate(json.dumps(doc))
    assert not hcr.validate(doc)["valid"]


def test_a_lone_surrogate_in_a_dict_is_read_as_its_json_escape():
    doc = {"patch": {"firstName": "Ada \ud83d", "gender": "X"}, "context": {"today": TODAY}}
    assert hcr.validate(doc) == hcr.validate(json.dumps(doc))


def test_a_value_without_json_form_is_a_type_error_naming_where_not_what():
    with pytest.raises(TypeError, match=r"Object of type date is not JSON serializable \(at /patch/birthDate\)"):
        hcr.validate({"patch": {"birthDate": datetime.date(1976, 7, 4)}}, today=TODAY)
    with pytest.raises(TypeError, match="keys must be str or int"):
        hcr.validate({"patch": {(1, 2): "x"}}, today=TODAY)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_a_float_json_cannot_carry_is_a_request_error(value):
    with pytest.raises(hcr.RequestError, match=r"nan or infinity\) at /patch/addresses/0/x"):
        hcr.validate({"patch": {"addresses": [{"x": value}]}}, today=TODAY)


def test_a_circular_dict_is_a_request_error_not_a_crash():
    patch = {}
    patch["self"] = patch
    with pytest.raises(hcr.RequestError, match="deeper than"):
        hcr.validate({"patch": patch}, today=TODAY)


@pytest.mark.parametrize("bad", [42, None, ["patch"], object()])
def test_a_request_that_is_no_document_is_a_type_error(bad):
    with pytest.raises(TypeError, match="a request document is a dict"):
        hcr.validate(bad, today=TODAY)


# --- the day -----------------------------------------------------------------------------

FUTURE_BIRTH = {"patch": {"customerId": 42, "birthDate": "2026-06-01"}}


def codes(result):
    return [v["code"] for v in result["violations"]]


def test_today_as_str_or_date_or_datetime():
    assert codes(hcr.validate(FUTURE_BIRTH, today="2026-01-01")) == [60301]
    assert codes(hcr.validate(FUTURE_BIRTH, today=datetime.date(2026, 1, 1))) == [60301]
    assert codes(hcr.validate(FUTURE_BIRTH, today=datetime.datetime(2026, 1, 1, 23, 59))) == [60301]
    assert codes(hcr.validate(FUTURE_BIRTH, today=datetime.date(2026, 12, 31))) == []


def test_context_today_wins_over_the_argument():
    doc = {"patch": FUTURE_BIRTH["patch"], "context": {"today": "2026-12-31"}}
    assert codes(hcr.validate(doc, today="2026-01-01")) == []


def test_without_a_day_the_local_calendar_day_is_used():
    doc = {"patch": {"birthDate": datetime.date.today().isoformat()}}
    tomorrow = {"patch": {"birthDate": (datetime.date.today() + datetime.timedelta(days=1)).isoformat()}}
    assert hcr.validate(doc) == hcr.validate(doc, today=datetime.date.today())
    assert hcr.validate(tomorrow) == hcr.validate(tomorrow, today=datetime.date.today())


def test_a_bad_today_argument():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        hcr.validate(GENDER_X, today="2026-1-1")
    with pytest.raises(TypeError, match="today must be"):
        hcr.validate(GENDER_X, today=20260101)


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc, words",
    [
        # The library words these; they must name what is wrong.
        ({"patch": {}, "settings": {"allowNameUpdates": False}}, "allowNameUpdates"),
        ({"patch": {}, "context": {"today": "23/11/2026"}}, "context.today"),
        ({"settings": {}}, 'has no "patch"'),
        ({"patch": {}, "patchText": "{}"}, 'either "patch" or "patchText"'),
        ({"patch": {}, "extra": 1}, "extra"),
        ({"patch": {}, "ignore": [1]}, "ignore: 1 is not a code this crate reports"),
    ],
)
def test_a_document_that_cannot_be_evaluated_raises_request_error(doc, words):
    with pytest.raises(hcr.RequestError) as info:
        hcr.validate(doc, today=TODAY)
    assert isinstance(info.value, ValueError)
    assert words in str(info.value)


def test_ignore_switches_a_code_off():
    doc = {"patch": {"customerId": 42, "gender": "X", "birthDate": "1899-12-31"}, "ignore": [60302]}
    assert codes(hcr.validate(doc, today=TODAY)) == [60301]


def test_request_errors_do_not_echo_customer_data():
    with pytest.raises(hcr.RequestError) as info:
        hcr.validate({"patch": {}, "settings": {"usesHelixKyc": "123-45-6789"}}, today=TODAY)
    assert "123-45-6789" not in str(info.value)


def test_a_body_that_is_not_json_is_a_violation_not_an_exception():
    out = hcr.validate({"patchText": '{"firstName": "Ada"'}, today=TODAY)
    assert codes(out) == [59950]
    # A whole document that is not JSON is answered like such a body.
    assert codes(hcr.validate(b'{"patch": ', today=TODAY)) == [59950]
    assert codes(hcr.validate(b"\xff\xfe", today=TODAY)) == [59950]


# --- validate_many -----------------------------------------------------------------------


def test_validate_many_keeps_order_and_gives_errors_in_place():
    batch = [
        GENDER_X,
        {"patch": {}, "settings": {"nope": True}},
        json.dumps({"patch": {"customerId": 42, "gender": "M"}}),
        b'{"patchText": "not json"}',
        {"patch": {"x": float("nan")}},
    ]
    out = hcr.validate_many(batch, today=TODAY)
    assert len(out) == 5
    assert without_warnings(out[0]) == GENDER_X_RESULT
    assert list(out[1]) == ["error"] and "settings.nope" in out[1]["error"]
    assert without_warnings(out[2]) == {"valid": True, "violations": []}
    assert codes(out[3]) == [59950]
    assert "nan or infinity" in out[4]["error"]


def cases_of_one_day():
    """The golden cases of the day most files share (validate_many takes one day)."""
    by_day = {}
    for c in golden_cases():
        by_day.setdefault(c["today"], []).append(c)
    today = max(by_day, key=lambda d: len(by_day[d]))
    return today, by_day[today]


def test_validate_many_agrees_with_validate_on_every_golden_case():
    today, cases = cases_of_one_day()
    # Twice over: the second time, every violation is one the batch has seen.
    cases = cases * 2
    got = hcr.validate_many((c["request"] for c in cases), today=today)
    assert len(got) == len(cases)
    for c, r in zip(cases, got):
        try:
            assert r == hcr.validate(c["request"], today=today)
        except hcr.RequestError as e:
            assert r == {"error": str(e)}


def test_validate_many_results_are_each_their_own_objects():
    # A batch shares its codes, paths and messages between documents and copies the dicts of
    # violations it has seen: changing one result must change no other.
    out = hcr.validate_many([GENDER_X] * 4, today=TODAY)
    out[0]["violations"][0]["code"] = 1
    out[1]["violations"][0].clear()
    out[2]["violations"].append("x")
    assert without_warnings(out[3]) == GENDER_X_RESULT
    assert without_warnings(hcr.validate_many([GENDER_X] * 3, today=TODAY)[2]) == GENDER_X_RESULT
    assert list(out[3]["violations"][0]) == ["code", "path", "message"]


def test_validate_many_results_are_plain_dicts_that_change_alone():
    # The dicts of violations seen before are copies of one kept dict, which may share its
    # table of keys with them: each must still gain, lose and change keys on its own.
    out = hcr.validate_many([GENDER_X] * 7, today=TODAY)
    items = [r["violations"][0] for r in out]
    assert all(type(i) is dict for i in items)
    items[1]["extra"] = 1
    del items[2]["path"]
    items[3].update(code=2, message="m")
    items[4].pop("message")
    items[5][7] = "seven"
    items[5]["more"] = 2
    assert list(items[1]) == ["code", "path", "message", "extra"]
    assert list(items[2]) == ["code", "message"]
    assert list(items[4]) == ["code", "path"]
    assert list(items[5]) == ["code", "path", "message", 7, "more"]
    assert without_warnings(out[0]) == GENDER_X_RESULT
    assert without_warnings(out[6]) == GENDER_X_RESULT
    assert pickle.loads(pickle.dumps(out[6])) == out[6]
    assert json.loads(json.dumps(out[6])) == out[6]
    assert copy.deepcopy(out[6]) == out[6]
    # The result documents of a batch are copies of one template too.
    assert all(type(r) is dict for r in out)
    out[1]["extra"] = 1
    del out[2]["valid"]
    out[3]["valid"] = True
    assert list(out[1]) == ["valid", "violations", "warnings", "extra"]
    assert list(out[2]) == ["violations", "warnings"]
    assert list(out[4]) == ["valid", "violations", "warnings"]
    assert without_warnings(out[6]) == GENDER_X_RESULT
    # A later batch's dicts are not touched by what was done to these.
    again = hcr.validate_many([GENDER_X] * 3, today=TODAY)
    assert [without_warnings(r) for r in again] == [GENDER_X_RESULT] * 3
    assert [list(r["violations"][0]) for r in again] == [["code", "path", "message"]] * 3


def test_validate_many_words_each_documents_own_message_in_a_long_batch():
    # The same violation at the same path whose message names the document's own tag: the
    # batch is evaluated a few documents at a time and their outcomes freed, so a later
    # message may sit where an earlier one did.
    docs = [
        {"patch": {"customerId": 1, "tag": f"t-{i:03}"}, "context": {"tagOwners": {f"t-{i:03}": 8}}}
        for i in range(300)
    ]
    out = hcr.validate_many(docs * 2, today=TODAY)
    for i, r in enumerate(out):
        tag = f"t-{i % 300:03}"
        assert r["violations"] == [
            {
                "code": 60303,
                "path": "/tag",
                "message": f"Tag '{tag}' is already associated with a different customer.",
            }
        ]


def test_validate_many_leaves_the_garbage_collector_as_it_found_it():
    assert gc.isenabled()
    hcr.validate_many([GENDER_X] * 3, today=TODAY)
    assert gc.isenabled()
    gc.disable()
    try:
        hcr.validate_many([GENDER_X] * 3, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validate_many_of_nothing():
    assert hcr.validate_many([], today=TODAY) == []


def test_validate_many_raises_type_error_for_a_wrong_item_and_for_no_iterable():
    with pytest.raises(TypeError):
        hcr.validate_many([GENDER_X, 7], today=TODAY)
    with pytest.raises(TypeError):
        hcr.validate_many(7, today=TODAY)


def test_validate_many_releases_the_gil_while_the_batch_runs():
    # About a megabyte of JSON a document: the evaluation dwarfs what the GIL is held for
    # (reading the list, building 40 small results).
    body = json.dumps({f"custom{i}": "x" * 40 for i in range(20_000)} | {"gender": "X"})
    batch = [json.dumps({"patchText": body}).encode()] * 40
    done = threading.Event()
    spans = []

    def run():
        start = time.perf_counter()
        hcr.validate_many(batch, today=TODAY)
        spans.append(time.perf_counter() - start)
        done.set()

    worker = threading.Thread(target=run)
    ticks, longest = 0, 0.0
    worker.start()
    last = time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        ticks += 1
    worker.join()
    # Holding the GIL, the batch would stop this loop for its whole length.
    assert longest < spans[0] / 2, f"the loop stalled {longest:.3f}s of a {spans[0]:.3f}s batch"
    assert ticks > 100


# --- size and threads --------------------------------------------------------------------


def test_a_one_megabyte_string_is_judged_and_not_echoed():
    secret = "7" * (1 << 20)
    doc = {
        "patch": {
            "firstName": secret,
            "emailAddress": secret + "@x",
            "addresses": [{"addressType": "Residence", "addressLine1": secret, "city": "Ames"}],
        },
        "settings": {"dpsClient": True},
        "context": {"today": TODAY},
    }
    for form in (doc, json.dumps(doc)):
        out = hcr.validate(form)
        paths = {v["path"] for v in out["violations"]}
        assert {"/emailAddress", "/addresses/0/addressLine1"} <= paths
        assert all("7777777777" not in v["message"] for v in out["violations"])


def test_concurrent_calls_from_threads_agree_with_one_thread():
    today, cases = cases_of_one_day()
    requests = [c["request"] for c in cases]
    expected = repr(hcr.validate_many(requests, today=today))
    failures = []

    def work(k):
        try:
            for _ in range(5):
                if k % 2:
                    got = hcr.validate_many(requests, today=today)
                else:
                    got = []
                    for r in requests:
                        try:
                            got.append(hcr.validate(r, today=today))
                        except hcr.RequestError as e:
                            got.append({"error": str(e)})
                if repr(got) != expected:
                    failures.append(k)
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(repr(e))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


# --- the catalogue -----------------------------------------------------------------------


def test_rules_lists_every_rule_with_its_fields():
    catalogue = hcr.rules()
    assert len(catalogue) > 30
    for r in catalogue:
        assert {"code", "name", "message", "businessMessage", "properties", "settings", "docs"} <= set(r)
        assert isinstance(r["code"], int) and r["docs"]
    assert 60302 in {r["code"] for r in catalogue}


def test_rules_returns_fresh_objects():
    first = hcr.rules()
    first[0]["message"] = "changed"
    first.clear()
    assert hcr.rules()[0]["message"] != "changed"


def test_version():
    assert hcr.__version__.count(".") == 2


def test_every_settings_key_of_the_stubs_is_one_the_library_takes():
    from helix_customer_rules import Settings

    values = {"industryClassificationCodeIds": [1], "foreignDocumentTypes": ["Passport"]}
    for key in Settings.__annotations__:
        doc = {"patch": {"customerId": 1}, "settings": {key: values.get(key, True)}}
        assert "error" not in hcr.validate_many([doc], today=TODAY)[0], key
