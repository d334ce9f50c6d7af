"""``ckan enti …`` commands."""

from __future__ import annotations

import secrets

import click

from ckanext.enti import config, demo

__all__ = ["enti"]


@click.group(short_help="ENTI catalogue commands")
def enti() -> None:
    """ENTI catalogue commands."""


@enti.command("load-demo")
@click.option("--admin-email", default="admin@enti.example", show_default=True)
@click.option(
    "--admin-password-file",
    type=click.Path(dir_okay=False),
    help="Where the admin password is kept; created with a random one if missing.",
)
def load_demo(admin_email: str, admin_password_file: str | None) -> None:
    """Create the admin, the 333 territorial organizations and the demo datasets (idempotent)."""
    data_dir = config.demo_data_dir()
    if not (data_dir / "datasets.yaml").is_file():
        raise click.ClickException(
            f"no demo content at {data_dir} (set ckanext.enti.demo.data_dir)"
        )
    admin = config.demo_admin_name()
    password = _admin_password(admin_password_file)
    if demo.ensure_admin(admin, admin_email, password):
        click.echo(f"sysadmin {admin} created")
    context = {"user": admin, "ignore_auth": True}
    click.echo(f"{demo.load_organizations(context)} organizations created")
    click.echo(f"{demo.load_datasets(context, data_dir)} datasets created")


def _admin_password(path: str | None) -> str:
    if not path:
        return secrets.token_urlsafe(12)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        password = secrets.token_urlsafe(12)
        with open(path, "w", encoding="utf-8") as f:
            f.write(password + "\n")
        return password


@enti.command("dcat-cache")
@click.argument("operation", type=click.Choice(["warm", "clear"]))
def dcat_cache(operation: str) -> None:
    """Build the catalogue's missing or stale RDF fragments now (warm), or drop them all (clear)."""
    from ckanext.enti.dcat import cache

    if operation == "clear":
        cache.clear()
        click.echo("DCAT fragment cache cleared")
        return
    seen, built = cache.warm()
    click.echo(f"{seen} records listed, fragments built for {built}")
