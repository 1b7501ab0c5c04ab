"""The canonical JSON form: layout, round trip, and precise errors for bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import govdisclosure
from govdisclosure import AnnualReport, Edition, StructureError
from govdisclosure.codecs import from_dict, to_dict
from govdisclosure.model import Applicant, Money, MoneyUnit, Proactive2021

from .conftest import EXAMPLES


def _pointers(data: Any) -> list[str]:
    read = govdisclosure.loads if isinstance(data, (str, bytes)) else from_dict
    with pytest.raises(StructureError) as info:
        read(data)
    return [p.pointer for p in info.value.problems]


def test_top_level_keys_and_order(qidu: AnnualReport) -> None:
    data = json.loads(govdisclosure.dumps(qidu))
    assert list(data) == [
        "edition",
        "year",
        "agency",
        "title",
        "preface",
        "overview",
        "proactive",
        "applications",
        "appeals",
        "problems",
        "other_matters",
        "source",
    ]
    assert list(data["applications"]["granted"]) == [a.value for a in Applicant]
    assert list(data["applications"])[:5] == [
        "new_received",
        "carried_over",
        "granted",
        "partially_granted",
        "withheld",
    ]
    assert len(data["applications"]["withheld"]) == 8
    assert data["appeals"]["litigation_after_review"]["total"] == 0


def test_examples_round_trip_byte_for_byte() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        report = govdisclosure.loads(text)
        assert govdisclosure.dumps(report) + "\n" == text, path.name
        assert govdisclosure.loads(text.encode("utf-8")) == report


def test_chinese_is_written_as_is(qidu: AnnualReport) -> None:
    assert "齐都镇" in govdisclosure.dumps(qidu)


def test_money_is_an_exact_decimal_string(pingtan_2021: AnnualReport) -> None:
    data = to_dict(pingtan_2021)
    assert data["proactive"]["fees"]["amount"] == {
        "value": "24252.311082",
        "unit": "ten_thousand_yuan",
    }
    # A number in the JSON is read exactly, not through a binary float.
    data["proactive"]["fees"]["amount"]["value"] = Decimal("0.1")
    text = json.dumps(data, ensure_ascii=False, default=str).replace('"0.1"', "0.1")
    report = govdisclosure.loads(text)
    assert isinstance(report.proactive, Proactive2021)
    expected = Money(value=Decimal("0.1"), unit=MoneyUnit.TEN_THOUSAND_YUAN)
    assert report.proactive.fees.amount == expected


def test_blank_is_null(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    data["applications"]["granted"]["commercial_enterprise"] = None
    report = from_dict(data)
    assert report.applications.granted.commercial_enterprise is None
    written = json.loads(govdisclosure.dumps(report))
    assert written["applications"]["granted"]["commercial_enterprise"] is None


def test_optional_text_fields_may_be_omitted(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    for key in ("title", "preface", "overview", "problems", "other_matters", "source"):
        del data[key]
    del data["applications"]["text_before"]
    report = from_dict(data)
    assert report.overview == ""
    assert report.applications == qidu.applications


def test_every_problem_is_listed_with_its_pointer(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    data["year"] = "2019"
    data["applications"]["granted"]["natural_person"] = "3"
    data["applications"]["withheld"]["state_secret"]["total"] = True
    data["appeals"]["direct_litigation"]["upheld"] = 1.5
    del data["appeals"]["administrative_review"]["pending"]
    data["applications"]["granted"]["nobody"] = 0
    data["surprise"] = 1
    assert sorted(_pointers(data)) == sorted(
        [
            "/year",
            "/applications/granted/natural_person",
            "/applications/granted/nobody",
            "/applications/withheld/state_secret/total",
            "/appeals/direct_litigation/upheld",
            "/appeals/administrative_review/pending",
            "/surprise",
        ]
    )


@pytest.mark.parametrize(
    ("text", "pointers"),
    [
        ("", [""]),
        ("{", [""]),
        ("[1, 2]", [""]),
        ("null", [""]),
        (b"\xff\xfe{", [""]),
        (
            '{"edition": "2018"}',
            ["/edition", "/year", "/agency", "/proactive", "/applications", "/appeals"],
        ),
        # An integer too long for Python to convert is refused where it stands.
        (
            '{"year": 1' + "0" * 5000 + "}",
            ["/edition", "/year", "/agency", "/proactive", "/applications", "/appeals"],
        ),
    ],
)
def test_bad_json_raises_structure_error(text: str | bytes, pointers: list[str]) -> None:
    assert _pointers(text) == pointers


def test_edition_and_shape_must_agree(qidu: AnnualReport, pingtan_2021: AnnualReport) -> None:
    data = to_dict(qidu)
    data["edition"] = "2021"
    # 2019 section-二 rows do not fit the 2021 edition; reported where they are: each
    # 2021 key the row lacks, each 2019 key it has, and the rows 2021 does not have.
    lacked_2021 = ("issued", "repealed", "in_force")
    kept_2019 = ("newly_made", "newly_published", "total_published")
    documents = [
        f"/proactive/{row}/{key}"
        for row in ("rules", "normative_documents")
        for key in (*lacked_2021, *kept_2019)
    ]
    decisions = [
        f"/proactive/{row}/{key}"
        for row in ("licensing", "penalties", "coercive_measures")
        for key in ("change", "previous_count")
    ]
    assert _pointers(data) == [
        *documents,
        *decisions,
        "/proactive/fees/amount",
        "/proactive/fees/change",
        "/proactive/fees/previous_count",
        "/proactive/other_services",
        "/proactive/procurement",
    ]


def test_a_mixed_table_three_loads_as_printed(
    qidu: AnnualReport, pingtan_2021: AnnualReport
) -> None:
    # A 2021 report whose table 三 keeps the 2019 single row （六）其他处理: held as
    # printed (one row), written back the same, and named by GD002.
    data = to_dict(pingtan_2021)
    data["applications"]["other_handling"] = to_dict(qidu)["applications"]["other_handling"]
    mixed = from_dict(data)
    assert mixed.layout == (Edition.E2021, Edition.E2019)
    assert mixed.layout.is_mixed
    assert to_dict(mixed) == data
    assert govdisclosure.loads(govdisclosure.dumps(mixed)) == mixed
    assert [(f.code, f.pointer) for f in govdisclosure.check(mixed, select="GD002")] == [
        ("GD002", "/applications/other_handling")
    ]
    # The reverse: a 2019 report with the 2021 three rows.
    back = to_dict(qidu)
    back["applications"]["other_handling"] = to_dict(pingtan_2021)["applications"]["other_handling"]
    assert from_dict(back).layout == (Edition.E2019, Edition.E2021)


def test_wrong_container_types(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    data["applications"]["withheld"] = [1, 2]
    data["agency"] = "齐都镇"
    assert sorted(_pointers(data)) == ["/agency", "/applications/withheld"]


def test_enum_values_are_checked(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    data["agency"]["level"] = "village"
    data["proactive"]["procurement"]["amount"] = {"value": "1", "unit": "dollars"}
    assert sorted(_pointers(data)) == ["/agency/level", "/proactive/procurement/amount/unit"]


def test_structure_error_message_names_the_place(qidu: AnnualReport) -> None:
    data = to_dict(qidu)
    data["applications"]["granted"]["natural_person"] = "3"
    with pytest.raises(StructureError) as info:
        from_dict(data)
    (problem,) = info.value.problems
    assert problem.pointer in str(info.value)
    assert "integer" in problem.message_en
    assert isinstance(info.value, govdisclosure.GovDisclosureError)
