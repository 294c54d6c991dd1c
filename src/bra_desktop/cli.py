"""The `bra-desktop` command: with no subcommand it starts the app, with one it works headless.

Every job the app offers runs here too, without Qt: the same library calls, a Swedish message on
failure and a non-zero exit code, so scripts and scheduled tasks can rely on it. A damaged register's
message says how to restore the newest backup that opens cleanly.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bra_desktop import __version__
from bra_desktop.domain.producer import NATIONAL

if TYPE_CHECKING:
    from bra_desktop.context import AppContext
    from bra_desktop.store.errors import RegisterError

# The database layer (SQLAlchemy, SQLModel: most of a second) is imported by the commands that use
# it, not here: `--version` and `--help` answer at once.

log = logging.getLogger(__name__)


def cmd_init(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.store.engine import display_url

    producer = NATIONAL if args.national else args.county.zfill(2)
    register = ctx.open_register()
    try:
        register.start(producer)
        if args.user:
            ctx.settings.user_name = args.user
            ctx.save_settings()
        print(f"Registret tillhör {register.producer_name} ({producer}): {display_url(ctx.database_url)}")
    finally:
        register.close()
    return 0


def cmd_backup(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.store.errors import RegisterError
    from bra_desktop.store.register import SERVER_BACKUPS

    register = ctx.open_register()
    try:
        path = register.backup(args.reason)
    finally:
        register.close()
    if path is None:
        raise RegisterError(*SERVER_BACKUPS)
    print(f"Säkerhetskopia sparad: {path}")
    return 0


def cmd_restore(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.store.errors import RegisterError

    from bra_desktop.store.backup import list_backups, restore_database
    from bra_desktop.store.engine import sqlite_file

    if args.list or not args.file:
        for backup in list_backups(ctx.paths.backup_dir):
            print(f"{backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {backup.reason:<30} {backup.path}")
        return 0
    database = sqlite_file(ctx.database_url)
    if database is None:
        raise RegisterError("Återställning går bara för SQLite-register.", "Only SQLite registers can be restored.")
    safety = restore_database(database, Path(args.file), ctx.paths.backup_dir)
    ctx.open_register().close()  # upgrades a backup made by an older version
    print(f"Registret är återställt från {args.file}. Registret som det var sparades först i {safety}.")
    return 0


def cmd_keys(ctx: AppContext, args: argparse.Namespace) -> int:
    """Arkiv → Betrodda avsändare without a window: this register's key to hand over, the keys it
    trusts, and a sender's key entered (`--trust`) or forgotten (`--forget`)."""
    from bra_desktop.domain.producer import owner_name, parse_owner
    from bra_desktop.domain.signing import encode_key, fingerprint
    from bra_desktop.store.errors import RegisterError
    from bra_desktop.store.keys import forget_key, own_public_key, pin_pasted_key, trusted_keys

    named = args.trust[0] if args.trust else args.forget
    sender = parse_owner(named.upper()) if named else None
    if named and sender is None:
        raise RegisterError(f"«{named}» är varken en länskod (01–25) eller BRA.",
                            f"«{named}» is neither a county code (01–25) nor BRA.")
    register = ctx.open_register()
    try:
        with register.session() as session:
            if args.trust:
                key = pin_pasted_key(session, sender, args.trust[1], user=ctx.user)
                session.commit()
                print(f"Registret litar nu på nyckeln med fingeravtryck {fingerprint(key)} för {owner_name(sender)}.")
            elif sender:
                forget_key(session, sender)
                session.commit()
                print(f"Registret litar inte längre på någon nyckel för {owner_name(sender)}; nästa paket därifrån "
                      "läses in först när fingeravtrycket är bekräftat (import --trust-sender).")
            own = own_public_key(session)
            print(f"Det här registrets nyckel: {encode_key(own)}\nFingeravtryck: {fingerprint(own)}")
            for pinned in trusted_keys(session):
                how = "inlagd för hand" if pinned.by_hand else "från första paketet"
                print(f"{pinned.name:<26} {pinned.fingerprint}  sedan {pinned.pinned_at.astimezone():%Y-%m-%d %H:%M}, "
                      f"{pinned.pinned_by}, {how}")
    finally:
        register.close()
    return 0


def cmd_demo(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.demo import fill_demo_register

    register = ctx.open_register()
    try:
        producer = register.producer or (NATIONAL if args.national else args.county.zfill(2))
        register.set_producer(producer)  # the demo adds the national structure with its records
        counts = fill_demo_register(register, activities=args.activities, seed=args.seed, user=ctx.user)
        register.refresh_statistics()
    finally:
        register.close()
    print("Demodata skapad: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


def cmd_export(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.bundle.export import export_bundle

    register = ctx.open_register()
    try:
        result = export_bundle(register, Path(args.out), user=ctx.user, scope=args.scope, with_contacts=args.with_contacts)
    finally:
        register.close()
    counts = ", ".join(f"{sheet}: {n}" for sheet, n in result.counts.items())
    print(f"Paketet är sparat: {result.path}\n{counts}; kontaktuppgifter {'ja' if result.personal_data else 'nej'}.")
    return 0


def cmd_import(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.bundle.batch import Confirmations, import_files

    register = ctx.open_register()
    try:
        outcomes = import_files(
            register, [Path(f) for f in args.files], user=ctx.user, dry_run=args.dry_run,
            on_conflict=args.on_conflict, rejected_dir=Path(args.rejected_out) if args.rejected_out else None,
            confirmations=Confirmations(frozenset(args.trust_sender), args.accept_edited, args.allow_mass_delete),
        )
    finally:
        register.close()
    for outcome in outcomes:
        print(outcome.text)
        print()
    left = [outcome.path.name for outcome in outcomes if not outcome.imported]
    if left:
        print(("Skulle inte läsas in: " if args.dry_run else "Inte inlästa: ") + ", ".join(left))
    return 1 if left else 0


def cmd_report(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.store.errors import RegisterError

    from datetime import date

    from bra_desktop.domain.models import County
    from bra_desktop.reports.figures import county_overview, year_figures
    from bra_desktop.reports.xlsx_report import write_year_report

    out = Path(args.out)
    if out.suffix.lower() not in (".xlsx", ".pdf"):
        raise RegisterError(f"Rapporten sparas som .xlsx eller .pdf, inte som {out.name}.",
                            f"The report is saved as .xlsx or .pdf, not as {out.name}.")
    register = ctx.open_register()
    try:
        producer = register.producer
        if producer is None:
            raise RegisterError("Registret har ingen ägare än: kör först bra-desktop init.",
                                "The register has no owner yet: run bra-desktop init first.")
        national = producer == NATIONAL
        if args.county and not national:
            raise RegisterError("--county går bara i Brås nationella register; ett läns rapport gäller länet.",
                                "--county works only in Brå's national register; a county's report is its own.")
        county = args.county.zfill(2) if args.county else (None if national else producer)
        year = args.year or date.today().year
        with register.session() as session:
            if county is not None and session.get(County, county) is None:
                raise RegisterError(f"Okänd länskod: {county}.", f"Unknown county code: {county}.")
            figures = year_figures(session, year, county)
            overview = county_overview(session, year) if national and county is None else None
            session.commit()  # the activity tally the figures brought up to date
        if out.suffix.lower() == ".pdf":
            from bra_desktop.ui.pdf_report import write_pdf_report  # Qt renders the PDF: load it only here

            path = write_pdf_report(figures, out, producer_name=register.producer_name, overview=overview)
        else:
            path = write_year_report(figures, out, producer_name=register.producer_name, overview=overview)
    finally:
        register.close()
    print(f"Redovisningen för {figures.scope_name} {year} är sparad: {path}")
    return 0


def cmd_self_test(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.selftest import run_self_test

    return run_self_test(show_window=not args.no_gui)


def cmd_gui(ctx: AppContext, args: argparse.Namespace) -> int:
    from bra_desktop.ui.app import run_gui

    return run_gui(ctx)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bra-desktop",
        description="Register över regionalt brottsförebyggande nätverksarbete. Utan underkommando startar programmet.",
    )
    parser.add_argument("--version", action="version", version=f"bra-desktop {__version__}")
    parser.add_argument("--data-dir", help="mapp för register, säkerhetskopior, loggar och inställningar (eller BRA_DATA_DIR)")
    parser.add_argument("--database", metavar="URL", help="SQLAlchemy-URL till registret (standard: SQLite i datamappen)")
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="underkommandon", metavar="KOMMANDO")

    init = sub.add_parser("init", help="ange vems registret är: ett län eller Brå")
    who = init.add_mutually_exclusive_group(required=True)
    who.add_argument("--county", metavar="NN", help="länskod, t.ex. 01 för Stockholms län")
    who.add_argument("--national", action="store_true", help="Brås nationella register")
    init.add_argument("--user", help="ditt namn i ändringsloggen (standard: inloggningsnamnet)")
    init.set_defaults(handler=cmd_init)

    demo = sub.add_parser("demo", help="fyll registret med realistiska demouppgifter")
    demo.add_argument("--county", default="01", metavar="NN", help="länskod om registret är nytt (standard 01)")
    demo.add_argument("--national", action="store_true", help="gör ett nytt register till Brås")
    demo.add_argument("--activities", type=int, default=500, help="antal aktiviteter (standard 500)")
    demo.add_argument("--seed", type=int, default=1, help="slumpfrö; samma frö ger samma data")
    demo.set_defaults(handler=cmd_demo)

    backup = sub.add_parser("backup", help="säkerhetskopiera registret (de 20 senaste sparas)")
    backup.add_argument("--reason", default="manuell", help="anledning, syns i filnamnet")
    backup.set_defaults(handler=cmd_backup)

    restore = sub.add_parser("restore", help="återställ registret från en säkerhetskopia")
    restore.add_argument("file", nargs="?", help="säkerhetskopian att återställa")
    restore.add_argument("--list", action="store_true", help="lista säkerhetskopiorna")
    restore.set_defaults(handler=cmd_restore)

    export = sub.add_parser("export", help="skriv ett Brå-paket (xlsx) att skicka")
    export.add_argument("--out", default=".", help="fil eller mapp (standard: aktuell mapp, med standardnamn)")
    export.add_argument("--scope", choices=("full", "changes"), default="full",
                        help="full (standard) eller changes: bara poster ändrade sedan förra exporten")
    export.add_argument("--with-contacts", action="store_true", help="ta med kontaktuppgifter (personuppgifter)")
    export.set_defaults(handler=cmd_export)

    imp = sub.add_parser("import", help="läs in ett eller flera Brå-paket")
    imp.add_argument("files", nargs="+", metavar="FILE", help="paket (xlsx) att läsa in")
    imp.add_argument("--dry-run", action="store_true", help="visa bara vad som skulle hända; ändra ingenting")
    imp.add_argument("--on-conflict", choices=("keep-local", "take-incoming", "fail"), default="fail",
                     help="vid konflikt: behåll din version, ta filens, eller avbryt (standard)")
    imp.add_argument("--rejected-out", metavar="DIR", help="spara avvisade rader som xlsx i den här mappen")
    imp.add_argument("--trust-sender", action="append", default=[], metavar="FINGERAVTRYCK",
                     help="lita på en ny avsändares nyckel med detta fingeravtryck (jämfört med avsändaren, t.ex. per "
                          "telefon); kan anges flera gånger")
    imp.add_argument("--accept-edited", action="store_true",
                     help="läs in paket som har ändrats efter signering (egna poster och nya rader)")
    imp.add_argument("--allow-mass-delete", action="store_true",
                     help="tillåt en import som tar bort mer än en femtedel av en avsändares poster")
    imp.set_defaults(handler=cmd_import)

    keys = sub.add_parser("keys", help="visa registrets nyckel och de avsändare det litar på (Betrodda avsändare)")
    change = keys.add_mutually_exclusive_group()
    change.add_argument("--trust", nargs=2, metavar=("AVSÄNDARE", "NYCKEL"),
                        help="lita på avsändarens nyckel (länskod eller BRA, och nyckeln som avsändaren läst upp eller "
                             "skickat; jämför fingeravtrycket)")
    change.add_argument("--forget", metavar="AVSÄNDARE", help="sluta lita på avsändarens nyckel (länskod eller BRA)")
    keys.set_defaults(handler=cmd_keys)

    report = sub.add_parser("report", help="skriv årets redovisning (xlsx med diagram, eller pdf)")
    report.add_argument("--year", type=int, metavar="ÅÅÅÅ", help="året rapporten gäller (standard: innevarande år)")
    report.add_argument("--out", required=True, metavar="FIL", help="filen att spara, .xlsx eller .pdf")
    report.add_argument("--county", metavar="NN", help="ett län i Brås nationella register (standard: hela landet)")
    report.set_defaults(handler=cmd_report)

    selftest = sub.add_parser("self-test", help="kontrollera att programmet fungerar på den här datorn")
    selftest.add_argument("--no-gui", action="store_true", help="hoppa över fönsterprovet")
    selftest.set_defaults(handler=cmd_self_test)
    return parser


def _say_upgrading() -> None:
    print("Registret uppgraderas till den här versionen av programmet (en säkerhetskopia tas först); "
          "för ett stort register kan det ta någon minut …", file=sys.stderr, flush=True)


def _restore_advice(error: RegisterError, ctx: AppContext, args: argparse.Namespace) -> str:
    """For a damaged register: the command that restores the newest backup that opens cleanly."""
    from bra_desktop.store.backup import newest_intact_backup
    from bra_desktop.store.errors import RegisterDamaged

    if not isinstance(error, RegisterDamaged):
        return ""
    backup = newest_intact_backup(ctx.paths.backup_dir)
    if backup is None:
        return f" Det finns ingen hel säkerhetskopia i {ctx.paths.backup_dir} att återställa."
    where = [*(["--data-dir", args.data_dir] if args.data_dir else []), *(["--database", args.database] if args.database else [])]
    command = shlex.join(["bra-desktop", *where, "restore", str(backup.path)])
    return (f"\nDen senaste hela säkerhetskopian är från {backup.taken_at:%Y-%m-%d %H:%M} UTC. Återställ den med "
            f"(det skadade registret sparas bredvid):\n  {command}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bra_desktop.context import AppContext
    from bra_desktop.logging_setup import setup_logging
    from bra_desktop.store.errors import RegisterError
    from bra_desktop.store.faults import storage_faults

    try:
        ctx = AppContext.create(args.data_dir, args.database)
        with storage_faults():
            setup_logging(ctx.paths.log_file)
    except RegisterError as error:  # a read-only data folder, say: there is no log to write to
        if args.handler is cmd_gui:
            from bra_desktop.ui.app import show_start_error

            show_start_error(error)
        print(f"Fel: {error.message_sv}", file=sys.stderr)
        return 1
    ctx.upgrade_notice = _say_upgrading
    output = Path(args.out).resolve() if getattr(args, "out", None) else None
    try:
        with storage_faults(output):  # a full or read-only disk: named as the file the command writes, or its own
            return args.handler(ctx, args)
    except RegisterError as error:
        log.warning("%s", error.message_sv)
        print(f"Fel: {error.message_sv}{_restore_advice(error, ctx, args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 (the last line of defence: log it, say it plainly)
        log.exception("Unexpected error in %s", args.handler.__name__)
        print(f"Oväntat fel: {error}\nInget som redan sparats har gått förlorat. Detaljer finns i loggen: "
              f"{ctx.paths.log_file}", file=sys.stderr)
        return 2
