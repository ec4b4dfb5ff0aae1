import pytest

from db.enums import Department
from desktop.errors import ConflictError, ValidationError
from desktop.people import PersonInput, create_person, list_people, update_person

pytestmark = pytest.mark.both_backends


def test_people_are_listed_by_name_and_filtered_by_active(uow) -> None:
    create_person(uow, PersonInput("Ravi Shah", Department.SALES))
    anna = create_person(uow, PersonInput("  Anna Berg ", Department.PR, "anna@example.org"))
    update_person(uow, anna.id, anna.version,
                  PersonInput("Anna Berg", Department.PR, "anna@example.org", active=False))
    assert [p.name for p in list_people(uow)] == ["Anna Berg", "Ravi Shah"]
    assert [p.name for p in list_people(uow, active_only=True)] == ["Ravi Shah"]


@pytest.mark.parametrize("data,message", [
    (PersonInput("  ", Department.PR), "needs a name"),
    (PersonInput("Ana", Department.PR, "ana-at-example"), "does not look like an email"),
])
def test_bad_people_are_refused(uow, data: PersonInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        create_person(uow, data)
    assert list_people(uow) == []


def test_editing_a_stale_person_is_a_conflict(uow) -> None:
    ana = create_person(uow, PersonInput("Ana", Department.PR))
    update_person(uow, ana.id, ana.version, PersonInput("Ana Lima", Department.PR))
    with pytest.raises(ConflictError) as caught:
        update_person(uow, ana.id, ana.version, PersonInput("Ana Souza", Department.PR))
    assert caught.value.stored["name"] == "Ana Lima"
    assert caught.value.attempted["name"] == "Ana Souza"


def test_team_settings_live_in_the_file_and_are_logged(uow) -> None:
    from sqlalchemy import select

    from db.models import ChangeLogEntry
    from desktop.team_settings import set_setting, set_team_timezone, team_name, team_timezone

    assert team_name(uow) == "Our team"
    set_setting(uow, "team_name", "Marketing & Communications")
    set_setting(uow, "team_name", "Marcom")
    set_team_timezone(uow, "Europe/Berlin")
    assert (team_name(uow), team_timezone(uow)) == ("Marcom", "Europe/Berlin")
    with pytest.raises(ValidationError, match="not a time zone"):
        set_team_timezone(uow, "Mars/Olympus")
    with uow.read() as session:
        operations = [e.operation.value for e in session.scalars(
            select(ChangeLogEntry).where(ChangeLogEntry.table_name == "team_settings"))]
    assert operations == ["insert", "update", "insert"]
