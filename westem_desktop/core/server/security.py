"""Access per programme on a PostgreSQL server: grants, row-level security, the audit and the mentor register.

Who may do what:

- The **owner** of the tables (the IT office's role that ran ``server init``) and its members read and write
  every programme, and alone grant and revoke access.
- A **coordinator** logs in with her own role. ``server grant`` makes it a member of the group role
  ``westem_coordinator`` (the table privileges) and records a row of ``programme_grant``: the row-level
  security policies let her read and write the programmes granted to her (a read-only grant: read only), and
  nothing of the others, whatever SQL she sends. A programme she creates is granted to her at once (a trigger).
- A member of the group role ``westem_faculty`` (``server grant --faculty``) reads every programme, for the
  reports, and has no privilege to write anything.
- The **mentor register**, the view ``mentor_register``, shows every programme's active mentors (name,
  e-mail, institution, fields, languages, capacity; never notes) to coordinators and faculty alike.
- The **audit** table ``audit_log`` gets a row for every insert, update and delete of a programme's rows,
  written by a trigger running as the owner: coordinators read the rows of their programmes, nobody but the
  owner writes or deletes them.

Everything here is idempotent, so ``server init`` and ``server upgrade`` apply it after the migrations each
time (``apply_security``). The role shown in the audit is the role that logged in (``session_user``).
"""

from __future__ import annotations

from typing import Any

from westem_desktop.core.errors import WestemError
from westem_desktop.i18n import _

COORDINATORS = "westem_coordinator"
FACULTY = "westem_faculty"

# The tables that carry a programme_id themselves (the programme: its id).
DIRECT = {
    "programme": "id",
    "participant": "programme_id",
    "mentor_request": "programme_id",
    "match": "programme_id",
    "letter_template": "programme_id",
}
# The others belong to the programme of their parent row: table -> (column, parent table).
PARENT = {
    "onboarding_item": ("participant_id", "participant"),
    "phase_progress": ("match_id", "match"),
    "meeting": ("match_id", "match"),
    "agreement": ("match_id", "match"),
    "evaluation": ("match_id", "match"),
    "certificate": ("match_id", "match"),
    "checklist_tick": ("phase_progress_id", "phase_progress"),
    "agreement_goal": ("agreement_id", "agreement"),
    "evaluation_answer": ("evaluation_id", "evaluation"),
}
SCOPED = (*DIRECT, *PARENT)
"""Every table of a programme's rows: row-level security, forced, and the audit trigger on each."""
POLICIES = ("westem_read", "westem_insert", "westem_update", "westem_delete")
"""The policies of every table of a programme."""
SHARED = ("alembic_version", "database_identity")
"""Tables without a programme: read by everyone, written by the owner only (migrations)."""

SETUP = [
    # The group roles (cluster-wide: several WESTEM databases on one server share them).
    f"""
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{COORDINATORS}') THEN
            CREATE ROLE {COORDINATORS} NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{FACULTY}') THEN
            CREATE ROLE {FACULTY} NOLOGIN;
        END IF;
    END $$
    """,
    # Which role may work on which programme. The role is kept by its oid, so that renaming it keeps its
    # grants; the reference to the programme is checked at the commit, since a programme's own grant is
    # written just before the programme (westem_grant_new_programme).
    """
    CREATE TABLE IF NOT EXISTS programme_grant (
        programme_id integer NOT NULL REFERENCES programme (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        grantee oid NOT NULL,
        read_only boolean NOT NULL DEFAULT false,
        granted_at timestamp NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, grantee)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS audit_log (
        id bigserial PRIMARY KEY,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        role_name text NOT NULL,
        table_name text NOT NULL,
        row_id integer NOT NULL,
        action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        programme_id integer,
        participant_ids integer[] NOT NULL DEFAULT '{}',
        match_id integer
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_audit_log_programme ON audit_log (programme_id)",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_match ON audit_log (match_id)",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_participants ON audit_log USING gin (participant_ids)",
    # The owner of the tables and its members administer the database.
    """
    CREATE OR REPLACE FUNCTION westem_administers() RETURNS boolean
    LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = 'programme'::regclass
    $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION westem_reads_all() RETURNS boolean
    LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT westem_administers() OR pg_has_role(current_user, '{FACULTY}', 'USAGE')
    $$
    """,
    # The programmes granted to the current role (or a group it belongs to); ``writing``: read-write grants
    # only. Volatile, so that it sees a grant written earlier in the same statement (a new programme's).
    """
    CREATE OR REPLACE FUNCTION westem_programmes(writing boolean) RETURNS SETOF integer
    LANGUAGE sql VOLATILE SET search_path FROM CURRENT AS $$
        SELECT g.programme_id FROM programme_grant g
        WHERE pg_has_role(current_user, g.grantee, 'USAGE') AND NOT (writing AND g.read_only)
    $$
    """,
    # A programme created by a coordinator is granted to her (the role she logged in as), read and write.
    """
    CREATE OR REPLACE FUNCTION westem_grant_new_programme() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
        IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'programme'::regclass), 'USAGE')
        THEN
            INSERT INTO programme_grant (programme_id, grantee, read_only)
            SELECT NEW.id, r.oid, false FROM pg_roles r WHERE r.rolname = session_user
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS westem_grant_new_programme ON programme",
    """
    CREATE TRIGGER westem_grant_new_programme BEFORE INSERT ON programme
    FOR EACH ROW EXECUTE FUNCTION westem_grant_new_programme()
    """,
    # One audit row for every changed row: who (the role that logged in), when, which table and row, what,
    # and the programme, people and pair it belongs to, so that a history survives the row's deletion.
    """
    CREATE OR REPLACE FUNCTION westem_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
        r jsonb;
        programme integer;
        pair integer;
        people integer[] := '{}';
    BEGIN
        IF TG_OP = 'DELETE' THEN
            r := to_jsonb(OLD);
        ELSE
            r := to_jsonb(NEW);
        END IF;
        IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = r THEN
            RETURN NULL;
        END IF;
        CASE TG_TABLE_NAME
            WHEN 'programme' THEN
                programme := (r->>'id')::integer;
            WHEN 'participant' THEN
                programme := (r->>'programme_id')::integer;
                people := ARRAY[(r->>'id')::integer];
            WHEN 'mentor_request' THEN
                programme := (r->>'programme_id')::integer;
                people := ARRAY[(r->>'mentee_id')::integer, (r->>'mentor_id')::integer];
            WHEN 'match' THEN
                programme := (r->>'programme_id')::integer;
                pair := (r->>'id')::integer;
                people := ARRAY[(r->>'mentor_id')::integer, (r->>'mentee_id')::integer];
            WHEN 'letter_template' THEN
                programme := (r->>'programme_id')::integer;
            WHEN 'onboarding_item' THEN
                people := ARRAY[(r->>'participant_id')::integer];
                SELECT p.programme_id INTO programme FROM participant p WHERE p.id = people[1];
            WHEN 'certificate' THEN
                pair := (r->>'match_id')::integer;
                people := ARRAY[(r->>'participant_id')::integer];
            WHEN 'checklist_tick' THEN
                SELECT p.match_id INTO pair FROM phase_progress p WHERE p.id = (r->>'phase_progress_id')::integer;
            WHEN 'agreement_goal' THEN
                SELECT a.match_id INTO pair FROM agreement a WHERE a.id = (r->>'agreement_id')::integer;
            WHEN 'evaluation_answer' THEN
                SELECT e.match_id INTO pair FROM evaluation e WHERE e.id = (r->>'evaluation_id')::integer;
            ELSE
                pair := (r->>'match_id')::integer;
        END CASE;
        IF programme IS NULL AND pair IS NOT NULL THEN
            SELECT m.programme_id INTO programme FROM match m WHERE m.id = pair;
        END IF;
        INSERT INTO audit_log (role_name, table_name, row_id, action, programme_id, participant_ids, match_id)
        VALUES (session_user, TG_TABLE_NAME, (r->>'id')::integer, lower(TG_OP), programme, people, pair);
        RETURN NULL;
    END
    $$
    """,
    # The shared register: every programme's active mentors, without notes or any other private field. A
    # function running as the owner reads past the row-level security; the view is what coordinators read.
    """
    CREATE OR REPLACE FUNCTION westem_mentor_register()
    RETURNS TABLE (id integer, programme text, name text, email text, institution text, fields text,
                   languages text, capacity integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT p.id, pr.name, p.name, p.email, p.institution, p.fields::text, p.languages::text, p.capacity
        FROM participant p JOIN programme pr ON pr.id = p.programme_id
        WHERE p.role = 'mentor' AND p.status = 'active' AND p.erased_at IS NULL
    $$
    """,
    "CREATE OR REPLACE VIEW mentor_register WITH (security_barrier) AS SELECT * FROM westem_mentor_register()",
]


def _programme_functions() -> list[str]:
    """``westem_programme_of_PARENT(id)``: the programme of a parent row, looked up by its key as the owner
    (past the row-level security), so that a row's check costs an index lookup, not a scan of its parents."""
    statements = []
    for parent in sorted({parent for _column, parent in PARENT.values()}):
        chain, table = [], parent
        while table not in DIRECT:
            column, above = PARENT[table]
            chain.append((table, column, above))
            table = above
        if not chain:
            body = f"SELECT {DIRECT[parent]} FROM {parent} WHERE id = $1"
        else:
            joins = " ".join(f"JOIN {above} ON {above}.id = {table}.{column}" for table, column, above in chain)
            body = f"SELECT {table}.{DIRECT[table]} FROM {parent} {joins} WHERE {parent}.id = $1"
        statements.append(
            f"CREATE OR REPLACE FUNCTION westem_programme_of_{parent}(integer) RETURNS integer "
            f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$ {body} $$"
        )
    return statements


def _programme_of(table: str) -> str:
    """The programme of a row of ``table``, as an SQL expression over its columns."""
    if table in DIRECT:
        return DIRECT[table]
    column, parent = PARENT[table]
    return f"westem_programme_of_{parent}({column})"


def _readable(table: str) -> str:
    """The rows of ``table`` the current role may read: of a programme granted to it. A child row is
    readable when its parent is (the parent's own policy says so): one pass over the parents for a whole
    query (some milliseconds at 10,000 participants), where a lookup for each row would cost a large
    table's reading several times over."""
    if table in DIRECT:
        return f"{DIRECT[table]} IN (SELECT westem_programmes(false))"
    column, parent = PARENT[table]
    return f"{column} IN (SELECT id FROM {parent})"


def _writable(table: str) -> str:
    """The rows of ``table`` the current role may write: of a programme granted read and write."""
    return f"{_programme_of(table)} IN (SELECT westem_programmes(true))"


def _policies(table: str) -> list[str]:
    read = f"(SELECT westem_reads_all()) OR {_readable(table)}"
    write = f"(SELECT westem_administers()) OR {_writable(table)}"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS westem_read ON {table}",
        f"CREATE POLICY westem_read ON {table} FOR SELECT USING ({read})",
        # One policy for each kind of write, not one FOR ALL: that would apply to reading too, and its
        # lookup for each row would then run on every row read.
        f"DROP POLICY IF EXISTS westem_insert ON {table}",
        f"CREATE POLICY westem_insert ON {table} FOR INSERT WITH CHECK ({write})",
        f"DROP POLICY IF EXISTS westem_update ON {table}",
        f"CREATE POLICY westem_update ON {table} FOR UPDATE USING ({write}) WITH CHECK ({write})",
        f"DROP POLICY IF EXISTS westem_delete ON {table}",
        f"CREATE POLICY westem_delete ON {table} FOR DELETE USING ({write})",
        f"DROP TRIGGER IF EXISTS westem_audit ON {table}",
        f"CREATE TRIGGER westem_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION westem_audit()",
    ]


def _statements(schema: str) -> list[str]:
    statements = list(SETUP) + _programme_functions()
    for table in SCOPED:
        statements += _policies(table)
    everything = ", ".join((*SCOPED, *SHARED, "programme_grant", "audit_log", "mentor_register"))
    statements += [
        # A coordinator may create a programme (granted to her by westem_grant_new_programme).
        "DROP POLICY IF EXISTS westem_create ON programme",
        f"CREATE POLICY westem_create ON programme FOR INSERT WITH CHECK (pg_has_role(current_user, "
        f"'{COORDINATORS}', 'USAGE'))",
        # A role sees its own grants; faculty and the owner all of them; only the owner changes them.
        "ALTER TABLE programme_grant ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE programme_grant FORCE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS westem_read ON programme_grant",
        "CREATE POLICY westem_read ON programme_grant FOR SELECT "
        "USING ((SELECT westem_reads_all()) OR pg_has_role(current_user, grantee, 'USAGE'))",
        "DROP POLICY IF EXISTS westem_write ON programme_grant",
        "CREATE POLICY westem_write ON programme_grant FOR ALL "
        "USING ((SELECT westem_administers())) WITH CHECK ((SELECT westem_administers()))",
        # The audit of a programme is read by whoever reads the programme; only the owner (its trigger) writes.
        "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE audit_log FORCE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS westem_read ON audit_log",
        "CREATE POLICY westem_read ON audit_log FOR SELECT "
        "USING ((SELECT westem_reads_all()) OR programme_id IN (SELECT westem_programmes(false)))",
        "DROP POLICY IF EXISTS westem_write ON audit_log",
        "CREATE POLICY westem_write ON audit_log FOR ALL "
        "USING ((SELECT westem_administers())) WITH CHECK ((SELECT westem_administers()))",
        # Privileges: coordinators write the programmes' tables (the policies say which rows), faculty reads.
        f"REVOKE ALL ON {everything} FROM PUBLIC",
        f"GRANT SELECT ON {everything} TO {COORDINATORS}, {FACULTY}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(SCOPED)} TO {COORDINATORS}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {COORDINATORS}",
        "REVOKE ALL ON FUNCTION westem_mentor_register(), westem_audit(), westem_grant_new_programme() FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION westem_mentor_register() TO {COORDINATORS}, {FACULTY}",
    ]
    return statements


def _driver(connection: Any) -> Any:
    """The psycopg connection of ``connection``: a psycopg connection, or a SQLAlchemy connection over one
    (the statements then run in its transaction)."""
    if hasattr(connection, "exec_driver_sql"):
        return connection.connection.driver_connection
    return connection


def apply_security(connection: Any) -> None:
    """Create or bring up to date the grants table, the policies, the audit and the mentor register, in the
    transaction of ``connection`` (psycopg or SQLAlchemy), by the owner of the tables, after the migrations.
    The connecting role needs CREATEROLE the first time (for the two group roles)."""
    from psycopg import sql

    conn = _driver(connection)
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    for statement in _statements(sql.Identifier(schema).as_string(conn)):
        conn.execute(statement)


def security_problems(connection: Any) -> list[str]:
    """What is missing of the access rules and the audit (empty when all is in place), one sentence each."""
    conn = _driver(connection)
    problems: list[str] = []
    roles = {
        row[0]
        for row in conn.execute("SELECT rolname FROM pg_roles WHERE rolname IN (%s, %s)", (COORDINATORS, FACULTY))
    }
    for role in (COORDINATORS, FACULTY):
        if role not in roles:
            problems.append(_("The group role {role} does not exist.").format(role=role))
    tables = {
        name: (secured, forced)
        for name, secured, forced in conn.execute(
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'v')"
        )
    }
    for table in ("programme_grant", "audit_log", "mentor_register"):
        if table not in tables:
            problems.append(_("The table {table} is missing.").format(table=table))
    policies = set(
        conn.execute("SELECT tablename, policyname FROM pg_policies WHERE schemaname = current_schema()").fetchall()
    )
    triggers = {
        row[0]
        for row in conn.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'westem_audit' AND t.tgenabled <> 'D' AND c.relnamespace = current_schema()::regnamespace"
        )
    }
    for table in (*SCOPED, "programme_grant", "audit_log"):
        if table not in tables:
            continue
        secured, forced = tables[table]
        if not (secured and forced):
            problems.append(_("Row-level security is not enforced on the table {table}.").format(table=table))
        for policy in POLICIES if table in SCOPED else ("westem_read", "westem_write"):
            if (table, policy) not in policies:
                problems.append(
                    _("The policy {policy} of the table {table} is missing.").format(policy=policy, table=table)
                )
        if table in SCOPED and table not in triggers:
            problems.append(_("The audit trigger of the table {table} is missing.").format(table=table))
    return problems


class AccessError(WestemError):
    """A grant or revoke that was refused; nothing was changed."""


def _check_allowed(conn: Any) -> None:
    """Refuse unless the rules are in place and the connected role administers the database."""
    present = conn.execute("SELECT to_regclass('programme_grant') IS NOT NULL").fetchone()[0]
    if not present:
        raise AccessError(
            _("The database has no access rules yet: run `westem-desktop server upgrade --db URL` first.")
        )
    if not conn.execute("SELECT westem_administers()").fetchone()[0]:
        user = conn.execute("SELECT current_user").fetchone()[0]
        raise AccessError(
            _("Only the owner of the database grants and revokes access; {user} may not.").format(user=user)
        )


def _role_oid(conn: Any, role: str) -> int:
    row = conn.execute("SELECT oid FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if row is None:
        raise AccessError(
            _("There is no role {role} on the server; the IT office creates it first (CREATE ROLE … LOGIN).").format(
                role=role
            )
        )
    return int(row[0])


def _programme_id(conn: Any, name: str) -> tuple[int, str]:
    row = conn.execute(
        "SELECT id, name FROM programme WHERE name = %s OR lower(name) = lower(%s) ORDER BY name = %s DESC LIMIT 1",
        (name, name, name),
    ).fetchone()
    if row is None:
        raise AccessError(_("There is no programme called “{name}”.").format(name=name))
    return int(row[0]), str(row[1])


def _quoted(conn: Any, role: str) -> str:
    from psycopg import sql

    return sql.Identifier(role).as_string(conn)


def grant(connection: Any, programme: str, role: str, *, read_only: bool = False) -> str:
    """Let ``role`` read (and, unless ``read_only``, change) ``programme``; the sentence that says what
    changed. Raises AccessError (nothing changed) for an unknown programme or role, or a role not allowed."""
    conn = _driver(connection)
    _check_allowed(conn)
    programme_id, name = _programme_id(conn, programme)
    grantee = _role_oid(conn, role)
    before = conn.execute(
        "SELECT read_only FROM programme_grant WHERE programme_id = %s AND grantee = %s", (programme_id, grantee)
    ).fetchone()
    conn.execute(f"GRANT {COORDINATORS} TO {_quoted(conn, role)}")
    conn.execute(
        "INSERT INTO programme_grant (programme_id, grantee, read_only) VALUES (%s, %s, %s) "
        "ON CONFLICT (programme_id, grantee) DO UPDATE SET read_only = EXCLUDED.read_only, granted_at = now()",
        (programme_id, grantee, read_only),
    )
    if before is not None and before[0] == read_only:
        return _("{role} already had this access to “{programme}”; nothing changed.").format(role=role, programme=name)
    if read_only:
        return _("{role} may now read “{programme}”, and not change it.").format(role=role, programme=name)
    return _("{role} may now read and change “{programme}”.").format(role=role, programme=name)


def revoke(connection: Any, programme: str, role: str) -> str:
    """Take ``programme`` away from ``role``; the sentence that says what changed."""
    conn = _driver(connection)
    _check_allowed(conn)
    programme_id, name = _programme_id(conn, programme)
    grantee = _role_oid(conn, role)
    gone = conn.execute(
        "DELETE FROM programme_grant WHERE programme_id = %s AND grantee = %s", (programme_id, grantee)
    ).rowcount
    if not gone:
        return _("{role} had no access to “{programme}”; nothing changed.").format(role=role, programme=name)
    return _("{role} no longer has access to “{programme}”.").format(role=role, programme=name)


def grant_faculty(connection: Any, role: str) -> str:
    """Make ``role`` a member of the faculty: it reads every programme and writes none."""
    conn = _driver(connection)
    _check_allowed(conn)
    _role_oid(conn, role)
    if conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", (role, FACULTY)).fetchone()[0]:
        return _("{role} already reads every programme as faculty; nothing changed.").format(role=role)
    conn.execute(f"GRANT {FACULTY} TO {_quoted(conn, role)}")
    return _("{role} now reads every programme as faculty, and changes none.").format(role=role)


def revoke_faculty(connection: Any, role: str) -> str:
    """Take ``role`` out of the faculty."""
    conn = _driver(connection)
    _check_allowed(conn)
    _role_oid(conn, role)
    if not conn.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", (role, FACULTY)).fetchone()[0]:
        return _("{role} was not faculty; nothing changed.").format(role=role)
    conn.execute(f"REVOKE {FACULTY} FROM {_quoted(conn, role)}")
    return _("{role} no longer reads every programme.").format(role=role)


def grants(connection: Any) -> list[tuple[str, str, bool]]:
    """Every grant the connected role may see: (programme, role, read only), by programme and role."""
    conn = _driver(connection)
    return [
        (str(programme), str(role), bool(read_only))
        for programme, role, read_only in conn.execute(
            "SELECT p.name, pg_get_userbyid(g.grantee), g.read_only FROM programme_grant g "
            "JOIN programme p ON p.id = g.programme_id ORDER BY p.name, 2"
        )
    ]
