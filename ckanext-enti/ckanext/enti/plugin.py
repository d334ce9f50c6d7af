"""The ``enti`` CKAN plugin: a thin adapter over the CKAN-free ENTI core."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.enti.dcat import hooks


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
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IOrganizationController, inherit=True)

    # IConfigurer
    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "ckanext-enti")

    # IPackageController: keep the DCAT fragment cache in step with the records
    def after_dataset_create(self, context, pkg_dict):
        hooks.record_changed(pkg_dict)

    def after_dataset_update(self, context, pkg_dict):
        hooks.record_changed(pkg_dict)

    def after_dataset_delete(self, context, pkg_dict):
        hooks.record_deleted(pkg_dict)

    # IOrganizationController
    def edit(self, entity):
        hooks.organization_changed(entity)
