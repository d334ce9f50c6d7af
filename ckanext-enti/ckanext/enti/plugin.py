"""The ``enti`` CKAN plugin: a thin adapter over the CKAN-free ENTI core."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.dcat.interfaces import IDCATRDFHarvester
from ckanext.enti import resource_checks
from ckanext.enti.dcat import hooks
from ckanext.enti.dcat.harvest import checked_download, enti_parser
from ckanext.enti.dcat.parsing import resolve_links
from ckanext.enti.logic import actions, validators, visibility


@tk.blanket.actions(actions)
@tk.blanket.blueprints
@tk.blanket.auth_functions
@tk.blanket.config_declarations
@tk.blanket.cli
@tk.blanket.helpers
@tk.blanket.validators(validators)
class EntiPlugin(DefaultTranslation, p.SingletonPlugin):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IOrganizationController, inherit=True)
    p.implements(IDCATRDFHarvester, inherit=True)

    # IConfigurer
    def update_config(self, config: tk.CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "ckanext-enti")

    # IPackageController: keep the DCAT fragment cache in step with the records
    def after_dataset_create(self, context, pkg_dict):
        hooks.record_changed(pkg_dict)
        resource_checks.queue_checks_for(pkg_dict, context)

    def after_dataset_update(self, context, pkg_dict):
        hooks.record_changed(pkg_dict)
        resource_checks.queue_checks_for(pkg_dict, context)

    # IPackageController: a record names only the linked records its viewer may read
    def after_dataset_show(self, context, pkg_dict):
        visibility.hide_unreadable_links(context, pkg_dict)

    # IPackageController: pages show a coverage of at most 1,000 vertices (the record keeps all)
    def before_dataset_view(self, pkg_dict):
        return visibility.as_shown(pkg_dict)

    def after_dataset_search(self, search_results, search_params):
        visibility.hide_non_public_links(search_results.get("results") or [])
        visibility.hide_link_facets(search_results)
        return search_results

    def after_dataset_delete(self, context, pkg_dict):
        hooks.record_deleted(pkg_dict)
        resource_checks.forget_checks_of(pkg_dict)

    # IOrganizationController
    def edit(self, entity):
        hooks.organization_changed(entity)

    # IDCATRDFHarvester: no entity expansion or remote contexts; data services too, series
    # before their editions
    def after_download(self, content, harvest_job):
        return checked_download(content)

    def after_parsing(self, rdf_parser, harvest_job):
        return enti_parser(rdf_parser)

    def before_create(self, harvest_object, dataset_dict, temp_dict):
        resolve_links(dataset_dict)

    def before_update(self, harvest_object, dataset_dict, temp_dict):
        resolve_links(dataset_dict)
