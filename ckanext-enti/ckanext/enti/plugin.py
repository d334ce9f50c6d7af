"""The ``enti`` CKAN plugin: a thin adapter over the CKAN-free ENTI core."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation


@tk.blanket.actions
@tk.blanket.blueprints
@tk.blanket.auth_functions
@tk.blanket.config_declarations
@tk.blanket.cli
@tk.blanket.helpers
@tk.blanket.validators
class EntiPlugin(DefaultTranslation, p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    # IConfigurer
    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "ckanext-enti")
