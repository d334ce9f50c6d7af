# ckanext is a namespace package shared with other CKAN extensions.
__path__ = __import__("pkgutil").extend_path(__path__, __name__)
