"""``security_problems``: empty when every rule is in place, one sentence for each that is missing."""

from __future__ import annotations

from tests.server.conftest import Secured
from westem_desktop.core.server import security


def test_all_in_place_and_applying_again_changes_nothing(secured: Secured) -> None:
    with secured.admin() as admin:
        assert security.security_problems(admin) == []
        policies = admin.execute("SELECT tablename, policyname, qual FROM pg_policies ORDER BY 1, 2").fetchall()
        with admin.transaction():
            security.apply_security(admin)
        assert security.security_problems(admin) == []
        assert admin.execute("SELECT tablename, policyname, qual FROM pg_policies ORDER BY 1, 2").fetchall() == policies
        assert security.grants(admin) == sorted([("Physics", secured.alice, False), ("Chemistry", secured.bob, False)])


def test_each_missing_rule_is_named(secured: Secured) -> None:
    with secured.admin() as admin:
        admin.execute("ALTER TABLE meeting NO FORCE ROW LEVEL SECURITY")
        admin.execute("DROP POLICY westem_update ON agreement_goal")
        admin.execute("DROP TRIGGER westem_audit ON certificate")
        assert security.security_problems(admin) == [
            "Row-level security is not enforced on the table meeting.",
            "The audit trigger of the table certificate is missing.",
            "The policy westem_update of the table agreement_goal is missing.",
        ]
        with admin.transaction():
            security.apply_security(admin)
        assert security.security_problems(admin) == []


def test_a_database_without_the_rules(pg_server) -> None:
    name = pg_server.create_database("rls_bare")
    try:
        with pg_server.admin(name) as admin:
            problems = security.security_problems(admin)
        assert "The table audit_log is missing." in problems
        assert "The table programme_grant is missing." in problems
    finally:
        pg_server.drop_database(name)


def test_reading_looks_nothing_up_row_by_row(secured: Secured) -> None:
    """The read policies are one pass over the parents for a whole query: a lookup for each row (the write
    policies' westem_programme_of_*) on a read of 70,000 checklist ticks cost ten times the reading itself."""
    with secured.admin() as admin:
        policies = admin.execute(
            "SELECT tablename, cmd, qual FROM pg_policies WHERE policyname = 'westem_read'"
        ).fetchall()
        assert {table for table, _cmd, _qual in policies} >= set(security.SCOPED)
        assert all(cmd == "SELECT" for _table, cmd, _qual in policies)
        assert [table for table, _cmd, qual in policies if "westem_programme_of" in qual] == []
        # No policy for all commands, which would apply to reading as well.
        assert (
            admin.execute(
                "SELECT tablename FROM pg_policies "
                "WHERE cmd = 'ALL' AND tablename NOT IN ('programme_grant', 'audit_log')"
            ).fetchall()
            == []
        )
